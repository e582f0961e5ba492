package dev.stockticker.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BarTest {
  private static LocalDate expected(long millis) {
    return Instant.ofEpochMilli(millis).atZone(Bar.MARKET_ZONE).toLocalDate();
  }

  private static Bar at(long millis) {
    return new Bar("X", millis, null, null, null, null, null, null, null);
  }

  @Test
  void theNewYorkDateAcrossEveryDaylightSavingChangeInBothDirections() {
    // Each day's midnight and 16:00 in New York, and the minutes around 2 a.m. on change days.
    for (LocalDate day = LocalDate.parse("2003-01-01"); day.isBefore(LocalDate.parse("2026-12-31"));
        day = day.plusDays(1)) {
      for (int hour : new int[] {0, 1, 2, 3, 16, 23}) {
        long millis = day.atTime(hour, 30).atZone(Bar.MARKET_ZONE).toInstant().toEpochMilli();
        assertEquals(expected(millis), at(millis).date(), Instant.ofEpochMilli(millis).toString());
      }
    }
    for (LocalDate day = LocalDate.parse("2026-12-31"); day.getYear() > 2003;
        day = day.minusDays(1)) {
      long millis = day.atStartOfDay(Bar.MARKET_ZONE).toInstant().toEpochMilli() - 1;
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
}
