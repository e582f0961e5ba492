package dev.stockticker.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Cursor values compared by what they mean, as CAT's test_incremental.py does: as plain text, 10
 * sorts before 9 and date-times with other offsets sort wrongly, and a verdict would then depend on
 * formatting.
 */
final class Cursors {
  private Cursors() {}

  /** Dates and date-times as such, numbers as numbers, other text as text. */
  static int compare(JsonNode a, JsonNode b) {
    if (a == null || b == null || a.isNull() || b.isNull()) {
      throw new AssertionError("cannot compare cursor values " + a + " and " + b);
    }
    if (a.isNumber() && b.isNumber()) {
      return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
    }
    if (a.isTextual() && b.isTextual()) {
      String x = a.asText();
      String y = b.asText();
      try {
        return LocalDate.parse(x).compareTo(LocalDate.parse(y));
      } catch (DateTimeParseException notDates) {
        try {
          return OffsetDateTime.parse(x).compareTo(OffsetDateTime.parse(y));
        } catch (DateTimeParseException notDateTimes) {
          return x.compareTo(y);
        }
      }
    }
    throw new AssertionError("cursor values of different types: " + a + " and " + b);
  }

  /** CAT's compare_cursor_with_threshold: {@code value >= reference - thresholdDays}. */
  static boolean atLeast(JsonNode value, JsonNode reference, int thresholdDays) {
    if (thresholdDays > 0) {
      return !LocalDate.parse(value.asText()).isBefore(
          LocalDate.parse(reference.asText()).minusDays(thresholdDays));
    }
    return compare(value, reference) >= 0;
  }

  /** The greatest (sign 1) or least (sign -1) cursor value of {@code records}. */
  static JsonNode extreme(List<JsonNode> records, List<String> cursor, int sign) {
    JsonNode best = null;
    for (JsonNode r : records) {
      JsonNode value = Schemas.value(r.path("data"), cursor);
      if (best == null || sign * compare(value, best) > 0) {
        best = value;
      }
    }
    return best;
  }

  /**
   * "2121-01-01" -> "9999-99-99": digits and letters abstracted, separators kept, so a cursor that
   * comes back in another format is caught even when it compares as equal.
   */
  static String shape(JsonNode value) {
    return value.asText().replaceAll("[0-9]", "9").replaceAll("[A-Za-z]", "a");
  }
}
