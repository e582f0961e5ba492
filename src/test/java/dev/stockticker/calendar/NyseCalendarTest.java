package dev.stockticker.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NyseCalendarTest {

    @Test
    void holidaysOf2024() {
        for (String d : new String[] {"2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27",
                "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"}) {
            assertTrue(NyseCalendar.isHoliday(LocalDate.parse(d)), d);
            assertFalse(NyseCalendar.isTradingDay(LocalDate.parse(d)), d);
        }
        assertTrue(NyseCalendar.isTradingDay(LocalDate.parse("2024-07-05")));
    }

    @Test
    void weekendHolidaysAreObservedOnTheNearestWeekday() {
        assertTrue(NyseCalendar.isHoliday(LocalDate.parse("2021-12-24"))); // Christmas on Saturday
        assertTrue(NyseCalendar.isHoliday(LocalDate.parse("2021-07-05"))); // July 4th on Sunday
        assertTrue(NyseCalendar.isHoliday(LocalDate.parse("2022-06-20"))); // Juneteenth on Sunday
        assertTrue(NyseCalendar.isHoliday(LocalDate.parse("2023-01-02"))); // New Year on Sunday
        // New Year's Day on a Saturday is not observed on the Friday before.
        assertTrue(NyseCalendar.isTradingDay(LocalDate.parse("2021-12-31")));
        // Juneteenth only from 2022.
        assertTrue(NyseCalendar.isTradingDay(LocalDate.parse("2021-06-18")));
    }

    @Test
    void tradingDayCountsMatchNyse() {
        assertEquals(251, tradingDays(2022));
        assertEquals(250, tradingDays(2023));
        assertEquals(252, tradingDays(2024));
    }

    @Test
    void easter() {
        assertEquals(LocalDate.parse("2000-04-23"), NyseCalendar.easter(2000));
        assertEquals(LocalDate.parse("2024-03-31"), NyseCalendar.easter(2024));
        assertEquals(LocalDate.parse("2025-04-20"), NyseCalendar.easter(2025));
    }

    @Test
    void scheduledEarlyClosesAsTheNysePublishedThem() {
        // Every 13:00 close of 2012 to 2026, from the NYSE's yearly holiday announcements. 2002
        // shows the rule before 2013: July 4 on a Thursday closed Friday July 5 early instead.
        Set<LocalDate> expected = new TreeSet<>();
        for (String d : new String[] {"2002-07-05", "2002-11-29", "2002-12-24",
                "2012-07-03", "2012-11-23", "2012-12-24", "2013-07-03", "2013-11-29", "2013-12-24",
                "2014-07-03", "2014-11-28", "2014-12-24", "2015-11-27", "2015-12-24",
                "2016-11-25", "2017-07-03", "2017-11-24", "2018-07-03", "2018-11-23", "2018-12-24",
                "2019-07-03", "2019-11-29", "2019-12-24", "2020-11-27", "2020-12-24",
                "2021-11-26", "2022-11-25", "2023-07-03", "2023-11-24",
                "2024-07-03", "2024-11-29", "2024-12-24", "2025-07-03", "2025-11-28", "2025-12-24",
                "2026-11-27", "2026-12-24"}) {
            expected.add(LocalDate.parse(d));
        }
        Set<LocalDate> found = new TreeSet<>();
        for (int year : new int[] {2002, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020,
                2021, 2022, 2023, 2024, 2025, 2026}) {
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                if (NyseCalendar.isEarlyClose(d)) {
                    found.add(d);
                    assertTrue(NyseCalendar.isTradingDay(d), d + " is no trading day");
                }
            }
        }
        assertEquals(expected, found);
        assertEquals(LocalTime.of(13, 0), NyseCalendar.close(LocalDate.parse("2024-11-29")));
        assertEquals(LocalTime.of(16, 0), NyseCalendar.close(LocalDate.parse("2024-11-27")));
    }

    private static int tradingDays(int year) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (NyseCalendar.isTradingDay(d)) n++;
        }
        return n;
    }
}
