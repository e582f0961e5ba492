package dev.stockticker.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * NYSE full-day holidays by rule, shared by the connector's request planner and the sandbox; it
 * knows nothing of either.
 *
 * <p>Unscheduled closures (9/11, hurricane Sandy, presidential funerals) are deliberately left out.
 * For the connector that is the safe direction: such a day is requested and simply has no bars,
 * whereas a day wrongly marked closed would never be requested.
 */
public final class NyseCalendar {
    private NyseCalendar() {}

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
