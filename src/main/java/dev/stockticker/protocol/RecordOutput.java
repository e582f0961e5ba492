package dev.stockticker.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.stockticker.json.JsonNumber;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes the fields of a RECORD's {@code data} object straight into the output as UTF-8 JSON.
 * Records are nearly all of a sync's output, so field names are encoded once ({@link Name}) and
 * values are copied as bytes, without a general-purpose generator's per-token checks.
 */
public final class RecordOutput {
  private static final int SECONDS_PER_DAY = 86_400;
  /** The days {@link #timestamp} writes itself: years 0000 to 9999, four digits. */
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private final OutputBuffer out;
  private boolean first;
  private String lastString;
  private byte[] lastStringJson;
  /** The last day {@link #timestamp} wrote and its ten bytes YYYY-MM-DD. */
  private long lastDay = Long.MIN_VALUE;
  private final byte[] lastDayText = new byte[10];

  RecordOutput(OutputBuffer out) {
    this.out = out;
  }

  /** A field name, JSON-encoded once, with and without the comma before it. */
  public static final class Name {
    private final byte[] first;
    private final byte[] next;

    private Name(String name) {
      this.first = (quote(name) + ":").getBytes(StandardCharsets.UTF_8);
      this.next = (",".concat(quote(name)) + ":").getBytes(StandardCharsets.UTF_8);
    }

    public static Name of(String name) {
      return new Name(name);
    }
  }

  /**
   * A value many records repeat (a bar size, a session name), JSON-encoded once, so writing it is
   * a copy whatever values the other fields of the record have.
   */
  public static final class Constant {
    private final byte[] json;

    private Constant(String json) {
      this.json = json.getBytes(StandardCharsets.UTF_8);
    }

    public static Constant string(String value) {
      return new Constant(quote(value));
    }

    public static Constant integer(long value) {
      return new Constant(Long.toString(value));
    }
  }

  void beginObject() {
    first = true;
  }

  /** A string field; null writes a JSON null. */
  public void string(Name name, String value) {
    field(name);
    if (value == null) {
      out.writeAscii("null");
      return;
    }
    if (!value.equals(lastString)) { // values such as a ticker repeat record after record
      lastStringJson = quote(value).getBytes(StandardCharsets.UTF_8);
      lastString = value;
    }
    out.write(lastStringJson);
  }

  /** An ISO-8601 date string (2024-03-04); null writes a JSON null. */
  public void date(Name name, LocalDate value) {
    int year = value == null ? -1 : value.getYear();
    if (year < 0 || year > 9999) { // years LocalDate.toString() writes with a sign, and null
      string(name, value == null ? null : value.toString());
      return;
    }
    field(name);
    out.ensure(12);
    byte[] bytes = out.bytes;
    int at = out.size;
    bytes[at] = '"';
    fourDigits(bytes, at + 1, year);
    bytes[at + 5] = '-';
    twoDigits(bytes, at + 6, value.getMonthValue());
    bytes[at + 8] = '-';
    twoDigits(bytes, at + 9, value.getDayOfMonth());
    bytes[at + 11] = '"';
    out.size = at + 12;
  }

  /** A boolean field; null writes a JSON null. */
  public void bool(Name name, Boolean value) {
    field(name);
    out.writeAscii(value == null ? "null" : value ? "true" : "false");
  }

  /** A field whose value was encoded once; null writes a JSON null. */
  public void constant(Name name, Constant value) {
    field(name);
    if (value == null) {
      out.writeAscii("null");
    } else {
      out.write(value.json);
    }
  }

  /**
   * An RFC 3339 date-time in UTC, as Airbyte's timestamp_with_timezone takes it:
   * 2019-12-12T19:47:00Z, with milliseconds only when there are any (19:47:00.250Z). Written
   * from the epoch milliseconds without a date-time object, since it is a field of every
   * intraday record; the date part is worked out once per day, and bars come in time order.
   */
  public void timestamp(Name name, long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000);
    int millis = (int) (epochMillis - epochSecond * 1000);
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    if (day < FIRST_DAY || day > LAST_DAY) { // years Instant.toString() writes with a sign
      string(name, Instant.ofEpochMilli(epochMillis).toString());
      return;
    }
    if (day != lastDay) {
      LocalDate date = LocalDate.ofEpochDay(day);
      fourDigits(lastDayText, 0, date.getYear());
      lastDayText[4] = '-';
      twoDigits(lastDayText, 5, date.getMonthValue());
      lastDayText[7] = '-';
      twoDigits(lastDayText, 8, date.getDayOfMonth());
      lastDay = day;
    }
    int second = (int) (epochSecond - day * SECONDS_PER_DAY);
    field(name);
    out.ensure(26);
    byte[] bytes = out.bytes;
    int at = out.size;
    bytes[at] = '"';
    System.arraycopy(lastDayText, 0, bytes, at + 1, 10);
    bytes[at + 11] = 'T';
    twoDigits(bytes, at + 12, second / 3600);
    bytes[at + 14] = ':';
    twoDigits(bytes, at + 15, second / 60 % 60);
    bytes[at + 17] = ':';
    twoDigits(bytes, at + 18, second % 60);
    at += 20;
    if (millis != 0) {
      bytes[at] = '.';
      bytes[at + 1] = (byte) ('0' + millis / 100);
      twoDigits(bytes, at + 2, millis % 100);
      at += 4;
    }
    bytes[at] = 'Z';
    bytes[at + 1] = '"';
    out.size = at + 2;
  }

  /** A number field, written exactly as the number was read; null writes a JSON null. */
  public void number(Name name, JsonNumber value) {
    field(name);
    if (value == null) {
      out.writeAscii("null");
      return;
    }
    int length = value.length();
    out.ensure(length);
    value.copyTo(out.bytes, out.size);
    out.size += length;
  }

  private void field(Name name) {
    out.write(first ? name.first : name.next);
    first = false;
  }

  private static void fourDigits(byte[] bytes, int at, int value) {
    bytes[at] = (byte) ('0' + value / 1000);
    bytes[at + 1] = (byte) ('0' + value / 100 % 10);
    bytes[at + 2] = (byte) ('0' + value / 10 % 10);
    bytes[at + 3] = (byte) ('0' + value % 10);
  }

  private static void twoDigits(byte[] bytes, int at, int value) {
    bytes[at] = (byte) ('0' + value / 10);
    bytes[at + 1] = (byte) ('0' + value % 10);
  }

  private static String quote(String value) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
  }
}
