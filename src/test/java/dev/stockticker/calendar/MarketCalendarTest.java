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
  void sessionsByTheNewYorkClockAcrossDaylightSavingChangesAndAHalfDay() {
    // 2024-03-08 (EST, UTC-5), 2024-03-11 (EDT, UTC-4: the clocks went forward on the 10th),
    // 2024-11-01 (EDT) and 2024-11-04 (EST again), and the half day 2024-11-29 (close 13:00).
    String[][] cases = {
        {"2024-03-08T09:00:00Z", "PRE"}, {"2024-03-08T14:29:59Z", "PRE"},
        {"2024-03-08T14:30:00Z", "REGULAR"}, {"2024-03-08T20:59:00Z", "REGULAR"},
        {"2024-03-08T21:00:00Z", "POST"}, {"2024-03-09T00:59:00Z", "POST"},
        {"2024-03-11T13:29:00Z", "PRE"}, {"2024-03-11T13:30:00Z", "REGULAR"},
        {"2024-03-11T19:59:59Z", "REGULAR"}, {"2024-03-11T20:00:00Z", "POST"},
        {"2024-11-01T13:30:00Z", "REGULAR"}, {"2024-11-01T20:00:00Z", "POST"},
        {"2024-11-04T13:30:00Z", "PRE"}, {"2024-11-04T14:30:00Z", "REGULAR"},
        {"2024-11-04T20:30:00Z", "REGULAR"}, {"2024-11-04T21:00:00Z", "POST"},
        {"2024-11-29T14:30:00Z", "REGULAR"}, {"2024-11-29T17:59:00Z", "REGULAR"},
        {"2024-11-29T18:00:00Z", "POST"}, {"2024-11-29T21:00:00Z", "POST"},
        {"2024-11-30T04:59:59.999Z", "POST"}, {"2024-11-30T05:00:00Z", "PRE"}};
    for (String[] c : cases) {
      long millis = Instant.parse(c[0]).toEpochMilli();
      assertEquals(Session.valueOf(c[1]), MarketCalendar.NEW_YORK.sessionOf(millis), c[0]);
    }
    // In any order, the same answers as the zone rules give.
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      long millis = 1_000_000_000_000L + (long) (random.nextDouble() * 800_000_000_000L);
      java.time.ZonedDateTime local = Instant.ofEpochMilli(millis).atZone(NEW_YORK);
      java.time.LocalTime time = local.toLocalTime();
      Session expected = time.isBefore(NyseCalendar.OPEN) ? Session.PRE
          : time.isBefore(NyseCalendar.close(local.toLocalDate())) ? Session.REGULAR
              : Session.POST;
      assertEquals(expected, MarketCalendar.NEW_YORK.sessionOf(millis), local.toString());
    }
    assertEquals(null, MarketCalendar.UTC.sessionOf(Instant.parse("2024-03-08T15:00:00Z")
        .toEpochMilli()), "crypto and forex have no sessions");
  }

  @Test
  void aMarketDayStartsAtMidnightOnItsOwnClock() {
    assertEquals(Instant.parse("2024-03-10T05:00:00Z"),
        MarketCalendar.NEW_YORK.startOf(LocalDate.parse("2024-03-10")));
    assertEquals(Instant.parse("2024-03-11T04:00:00Z"),
        MarketCalendar.NEW_YORK.startOf(LocalDate.parse("2024-03-11")));
    assertEquals(Instant.parse("2024-01-06T00:00:00Z"),
        MarketCalendar.UTC.startOf(LocalDate.parse("2024-01-06")));
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
