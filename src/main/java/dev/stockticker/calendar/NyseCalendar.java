package dev.stockticker.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * NYSE full-day holidays and scheduled early closes by rule, shared by the connector and the
 * sandbox; it knows nothing of either.
 *
 * <p>Unscheduled closures (9/11, hurricane Sandy, presidential funerals) are deliberately left out.
 * For the connector that is the safe direction: such a day is requested and simply has no bars,
 * whereas a day wrongly marked closed would never be requested.
 */
public final class NyseCalendar {
    private NyseCalendar() {}

    /** The regular session opens at 09:30 New York time. */
    public static final LocalTime OPEN = LocalTime.of(9, 30);
    public static final LocalTime CLOSE = LocalTime.of(16, 0);
    public static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    /** When the regular session of {@code date} ends: 16:00, or 13:00 on an early-close day. */
    public static LocalTime close(LocalDate date) {
        return isEarlyClose(date) ? EARLY_CLOSE : CLOSE;
    }

    /**
     * True on the NYSE's scheduled 13:00 closes. Source: NYSE Rule 7.2 and its published
     * "Holidays and Trading Hours" (nyse.com/markets/hours-calendars), e.g. for 2024 "each market
     * will close early at 1:00 p.m. on Wednesday, July 3, Friday, November 29, and Tuesday,
     * December 24"; the years before, as pandas_market_calendars' holidays_nyse.py records them:
     * <ul>
     *   <li>the day before Independence Day: July 3 when it is a Monday to Thursday (July 4 on a
     *       Tuesday to Friday; on a Monday, or a weekend observed on a Friday or Monday, there is
     *       none). Before 2013 a Wednesday July 3 was a full day and Friday July 5 closed early
     *       instead. Since 1995;
     *   <li>the day after Thanksgiving, since 1993;
     *   <li>Christmas Eve when it is a Monday to Thursday (on a Friday it is the observed
     *       holiday), at 13:00 since 1993 (14:00 before, not modelled).
     * </ul>
     * Unscheduled early closes are left out, as unscheduled closures are.
     */
    public static boolean isEarlyClose(LocalDate date) {
        int y = date.getYear();
        DayOfWeek d = date.getDayOfWeek();
        boolean mondayToThursday = d != DayOfWeek.FRIDAY && !isWeekend(date);
        if (date.getMonthValue() == 7 && y >= 1995) {
            if (date.getDayOfMonth() == 3) {
                return mondayToThursday && (y >= 2013 || d != DayOfWeek.WEDNESDAY);
            }
            return y < 2013 && date.getDayOfMonth() == 5 && d == DayOfWeek.FRIDAY;
        }
        if (y < 1993) {
            return false;
        }
        return date.equals(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1))
                || (date.getMonthValue() == 12 && date.getDayOfMonth() == 24 && mondayToThursday);
    }

    /** Monday to Friday and not a holiday. */
    public static boolean isTradingDay(LocalDate date) {
        return !isWeekend(date) && !isHoliday(date);
    }

    public static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** True when {@code date} is the observed date of an NYSE full-day holiday. */
    public static boolean isHoliday(LocalDate date) {
        int y = date.getYear();
        // New Year's Day falling on a Saturday is not moved to Friday Dec 31 (NYSE rule: that
        // Friday closes a fiscal year and stays open), so only the Sunday->Monday shift applies.
        LocalDate newYear = LocalDate.of(y, 1, 1);
        if (newYear.getDayOfWeek() == DayOfWeek.SUNDAY) newYear = newYear.plusDays(1);
        return date.equals(newYear)
                || date.equals(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3))    // MLK Day
                || date.equals(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3))   // Presidents Day
                || date.equals(easter(y).minusDays(2))                         // Good Friday
                || date.equals(LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)))
                || (y >= 2022 && date.equals(observed(LocalDate.of(y, 6, 19)))) // Juneteenth
                || date.equals(observed(LocalDate.of(y, 7, 4)))
                || date.equals(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1))  // Labor Day
                || date.equals(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)) // Thanksgiving
                || date.equals(observed(LocalDate.of(y, 12, 25)));
    }

    private static LocalDate observed(LocalDate holiday) {
        switch (holiday.getDayOfWeek()) {
            case SATURDAY: return holiday.minusDays(1);
            case SUNDAY: return holiday.plusDays(1);
            default: return holiday;
        }
    }

    private static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    /** Gregorian Easter Sunday (anonymous Gregorian computus). */
    public static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }
}
