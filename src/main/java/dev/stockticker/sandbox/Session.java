package dev.stockticker.sandbox;

import dev.stockticker.calendar.NyseCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * When a symbol's intraday bars can exist on a day it trades, in epoch milliseconds, end
 * exclusive. New York markets (stocks, OTC, the index) run 04:00-20:00 ET with the regular
 * session 09:30-16:00; on NYSE early-close days (July 3, the day after Thanksgiving and Christmas
 * Eve, each when it is a trading day) the regular session ends at 13:00 and after-hours at 17:00.
 * Crypto and forex run the whole UTC day (forex Sunday to Friday, see {@link Market}); for them
 * the whole day counts as regular.
 */
record Session(LocalDate date, long start, long end, long regularStart, long regularEnd) {
    private static final LocalTime PRE_MARKET = LocalTime.of(4, 0);
    private static final LocalTime OPEN = LocalTime.of(9, 30);

    static Session of(Symbol s, LocalDate date) {
        if (s.zone() == ZoneOffset.UTC) {
            long start = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long end = start + 86_400_000L;
            return new Session(date, start, end, start, end);
        }
        boolean early = isEarlyClose(date);
        return new Session(date, at(date, PRE_MARKET), at(date, LocalTime.of(early ? 17 : 20, 0)), at(date, OPEN),
                at(date, LocalTime.of(early ? 13 : 16, 0)));
    }

    static boolean isEarlyClose(LocalDate date) {
        if (!NyseCalendar.isTradingDay(date)) return false;
        boolean julyThird = date.getMonth() == Month.JULY && date.getDayOfMonth() == 3;
        boolean christmasEve = date.getMonth() == Month.DECEMBER && date.getDayOfMonth() == 24;
        LocalDate thanksgiving = LocalDate.of(date.getYear(), Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        return julyThird || christmasEve || date.equals(thanksgiving.plusDays(1));
    }

    boolean isRegular(long t) {
        return t >= regularStart && t < regularEnd;
    }

    private static long at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(Bar.NEW_YORK).toInstant().toEpochMilli();
    }
}
