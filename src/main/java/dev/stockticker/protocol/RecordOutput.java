package dev.stockticker.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.stockticker.json.JsonNumber;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes the fields of a RECORD's {@code data} object straight into the output as UTF-8 JSON.
 * Records are nearly all of a sync's output, so field names are encoded once ({@link Name}) and
 * values are copied as bytes, without a general-purpose generator's per-token checks.
 */
public final class RecordOutput {
  private final OutputBuffer out;
  private boolean first;
  private String lastString;
  private byte[] lastStringJson;

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
