package dev.stockticker.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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

    private static int tradingDays(int year) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (NyseCalendar.isTradingDay(d)) n++;
        }
        return n;
    }
}
