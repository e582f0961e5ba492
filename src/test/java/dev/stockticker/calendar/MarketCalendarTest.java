package dev.stockticker.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarketCalendarTest {
  private static final java.time.ZoneId NEW_YORK = MarketCalendar.NEW_YORK.zone();

  private static LocalDate expected(long millis) {
    return Instant.ofEpochMilli(millis).atZone(NEW_YORK).toLocalDate();
  }

  /** Stands for a bar stamped at {@code millis}: its New York market date. */
  private static Dated at(long millis) {
    return new Dated(millis);
  }

  private record Dated(long millis) {
    LocalDate date() {
      return MarketCalendar.NEW_YORK.dateOf(millis);
    }
  }

  @Test
  void theNewYorkDateAcrossEveryDaylightSavingChangeInBothDirections() {
    // Each day's midnight and 16:00 in New York, and the minutes around 2 a.m. on change days.
    for (LocalDate day = LocalDate.parse("2003-01-01"); day.isBefore(LocalDate.parse("2026-12-31"));
        day = day.plusDays(1)) {
      for (int hour : new int[] {0, 1, 2, 3, 16, 23}) {
        long millis = day.atTime(hour, 30).atZone(NEW_YORK).toInstant().toEpochMilli();
        assertEquals(expected(millis), at(millis).date(), Instant.ofEpochMilli(millis).toString());
      }
    }
    for (LocalDate day = LocalDate.parse("2026-12-31"); day.getYear() > 2003;
        day = day.minusDays(1)) {
      long millis = day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli() - 1;
      assertEquals(expected(millis), at(millis).date(), Instant.ofEpochMilli(millis).toString());
    }
  }

  @Test
  void beforeNineteenSeventyTheDateStillFloors() {
    // The last second and millisecond before a New York midnight, in 1965 and 1969.
    for (String midnight : new String[] {"1965-07-01T00:00-04:00", "1969-12-31T00:00-05:00"}) {
      long millis = java.time.OffsetDateTime.parse(midnight).toInstant().toEpochMilli();
      for (long before : new long[] {1, 999, 1000, 1001}) {
        assertEquals(expected(millis - before), at(millis - before).date(),
            midnight + " - " + before);
      }
      assertEquals(expected(millis), at(millis).date(), midnight);
    }
  }

  @Test
  void anyInstantInAnyOrder() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      long millis = -2_000_000_000_000L + (long) (random.nextDouble() * 6_000_000_000_000L);
      assertEquals(expected(millis), at(millis).date(), Long.toString(millis));
    }
  }

  @Test
  void cryptoAndForexAreUtcDaysEveryDayAndTheRestNewYorkTradingDays() {
    assertEquals(MarketCalendar.UTC, MarketCalendar.of("X:BTCUSD"));
    assertEquals(MarketCalendar.UTC, MarketCalendar.of("C:EURUSD"));
    for (String ticker : new String[] {"AAPL", "KIMpL", "BRK.B", "I:SPX", "O:SPY251219C00650000"}) {
      assertEquals(MarketCalendar.NEW_YORK, MarketCalendar.of(ticker), ticker);
    }
    // C:EURUSD's documented bar at 2021-07-22T00:00Z is the 22nd in UTC, the 21st in New York.
    assertEquals(LocalDate.parse("2021-07-22"), MarketCalendar.UTC.dateOf(1626912000000L));
    assertEquals(LocalDate.parse("2021-07-21"), MarketCalendar.NEW_YORK.dateOf(1626912000000L));
    LocalDate saturday = LocalDate.parse("2024-01-06");
    assertTrue(MarketCalendar.UTC.isTradingDay(saturday));
    assertFalse(MarketCalendar.NEW_YORK.isTradingDay(saturday));
    assertFalse(MarketCalendar.NEW_YORK.isTradingDay(LocalDate.parse("2024-01-15")), "MLK day");
    java.time.Clock saturdayEveningInNewYork =
        java.time.Clock.fixed(java.time.Instant.parse("2024-01-07T02:00:00Z"), ZoneOffset.UTC);
    assertEquals(saturday, MarketCalendar.NEW_YORK.today(saturdayEveningInNewYork));
    assertEquals(saturday.plusDays(1), MarketCalendar.UTC.today(saturdayEveningInNewYork));
  }
}
