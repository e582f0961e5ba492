package dev.stockticker.polygon;

import static dev.stockticker.polygon.BarField.TICKER;
import static dev.stockticker.polygon.BarField.TIMESTAMP;

import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one bar of an aggregates page, by {@link BarField}'s list of fields, from a {@link
 * JsonByteReader}. A bar in the compact form Polygon writes is read in one pass inside the read
 * buffer; anything else is read again, from the bar's start, token by token with every check.
 * Both paths fill the same slots, so they cannot disagree on what a field is or needs; {@code
 * PageParserTest} reads each page whole and a few bytes at a time to check that they agree.
 */
final class BarReader {
  private final JsonByteReader json;
  /** The ticker of every bar of this page, or null when each bar names its own in "T". */
  private final String pageTicker;
  private final String what;
  private final String requestName;

  // The bar being read: one set of slots per page, reset for each bar.
  /** The numeric fields' values, by {@link BarField#ordinal}; only those in {@link #fields}. */
  private final JsonNumber[] numbers = new JsonNumber[BarField.values().length];
  private long timestamp;
  private String ticker;
  /** The {@link BarField#bit}s of the fields the bar has so far. */
  private int fields;

  /** Bars the fast path read: for tests, which check that it is the common case. */
  private int compactBars;

  BarReader(JsonByteReader json, String pageTicker, String what, String requestName) {
    this.json = json;
    this.pageTicker = pageTicker;
    this.what = what;
    this.requestName = requestName;
  }

  int compactBars() {
    return compactBars;
  }

  /** Reads a bar whose '{' was just read. */
  Bar read() throws IOException {
    Bar bar = readCompact();
    return bar != null ? bar : readGeneral();
  }

  /**
   * The fast path: a bar wholly in the buffer, in the compact form Polygon writes ({@code
   * {"v":1.2E7,"vw":7.85,"o":7.81,...,"t":1164603600000,"n":165160}}: no whitespace, only bar
   * fields, numbers, a plain ticker), with every field a bar needs, is read here without leaving
   * the buffer. Anything else returns null, having consumed nothing, for {@link #readGeneral}.
   */
  private Bar readCompact() {
    byte[] b = json.buffer();
    int end = json.limit();
    int i = json.position();
    reset();
    while (true) {
      if (i + 4 >= end || b[i] != '"') { // room for a quote, two letters, a quote, a colon
        return null;
      }
      BarField field = BarField.at(b, i + 1);
      int quote = BarField.closingQuote(b, i + 1);
      if (field == null || quote < 0 || b[quote + 1] != ':') {
        return null;
      }
      i = quote + 2;
      if (field.kind == BarField.Kind.EPOCH_MILLIS) {
        i = compactTimestamp(b, i, end);
      } else if (field.kind == BarField.Kind.STRING) {
        i = compactTicker(b, i, end);
      } else { // inline rather than a method of its own: the call would cost more than the rest
        JsonNumber number = JsonNumber.read(b, i, end);
        if (number == null || number.length() > JsonByteReader.MAX_NUMBER_LENGTH) {
          return null;
        }
        setNumber(field, numeric(field, number));
        i += number.length();
      }
      if (i < 0 || i >= end || JsonByteReader.isNumberByte(b[i])) {
        return null;
      }
      byte next = b[i++];
      if (next == '}') {
        break;
      }
      if (next != ',') {
        return null;
      }
    }
    if (!complete()) {
      return null; // for the general path's error message
    }
    json.position(i);
    compactBars++;
    return bar();
  }

  /**
   * A timestamp's digits at {@code i}: the index after them, or -1 for anything the general path
   * must judge (no digits, a leading zero, a sign, more digits than surely fit in a long).
   */
  private int compactTimestamp(byte[] b, int i, int end) {
    int digits = i;
    long value = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      value = value * 10 + (b[i++] - '0');
    }
    int count = i - digits;
    if (count == 0 || count > 18 || (b[digits] == '0' && count > 1)) {
      return -1;
    }
    timestamp = value;
    fields |= TIMESTAMP.bit;
    return i;
  }

  /** A plain ASCII string at {@code i}: the index after it, or -1 (escapes, a page's ticker). */
  private int compactTicker(byte[] b, int i, int end) {
    if (pageTicker != null || i >= end || b[i++] != '"') {
      return -1;
    }
    int from = i;
    while (i < end && b[i] != '"') {
      if (b[i] < 0x20 || b[i] == '\\') { // an escape, a control or non-ASCII byte
        return -1;
      }
      i++;
    }
    if (i == end) {
      return -1;
    }
    setTicker(new String(b, from, i - from, StandardCharsets.ISO_8859_1));
    return i + 1;
  }

  /**
   * Reads a bar whose '{' was just read, whatever its form. Fields it does not use are checked
   * and skipped.
   */
  private Bar readGeneral() throws IOException {
    reset();
    int next = json.nextToken();
    if (next != '}') {
      while (true) {
        BarField field = fieldName(next);
        next = json.nextToken();
        if (JsonByteReader.isNumberStart(next)) {
          JsonNumber number = json.readNumber();
          if (field != null) {
            set(field, number);
          }
        } else if (next == '"' && field == TICKER && pageTicker == null) {
          json.readString();
          setTicker(json.stringValue());
        } else {
          if (field != null) {
            set(field, null);
          }
          json.skipValue(next, 4);
        }
        if (!json.more('}', "',' or '}' after a field of a bar")) {
          break;
        }
        next = json.nextToken();
      }
    }
    if (!complete()) {
      throw incomplete();
    }
    return bar();
  }

  private PolygonException incomplete() {
    BarField missing = BarField.firstMissing(fields);
    return PolygonException.unexpectedShape(what, requestName, "a bar has no "
        + (missing.kind == BarField.Kind.STRING ? "string" : "numeric") + " \"" + missing.text
        + "\"" + ((fields & TIMESTAMP.bit) != 0 ? " (t=" + timestamp + ")" : ""));
  }

  /**
   * Reads a bar's field name whose opening quote is {@code c}, and the colon after it; null for a
   * field bars do not use. Polygon's names are matched in the buffer without copying them.
   */
  private BarField fieldName(int c) throws IOException {
    byte[] b = json.buffer();
    int at = json.position();
    BarField field = c == '"' && at + 2 < json.limit() ? BarField.at(b, at) : null;
    int quote = field != null ? BarField.closingQuote(b, at) : -1;
    if (quote >= 0) {
      json.position(quote + 1);
      json.expect(json.nextToken(), ':', "':' after a field name");
      return field;
    }
    json.readName(c);
    return BarField.named(json.stringValue());
  }

  /** Whether the bar has every field it needs. */
  private boolean complete() {
    return (fields & BarField.REQUIRED) == BarField.REQUIRED;
  }

  private void reset() {
    ticker = pageTicker;
    fields = pageTicker != null ? TICKER.bit : 0;
  }

  /**
   * Sets {@code field} from a value that is {@code number}, or from one that is not a number
   * when null: the last value of a field is the one that counts, as in a tree.
   */
  private void set(BarField field, JsonNumber number) {
    switch (field.kind) {
      case NUMBER, COUNT -> setNumber(field, numeric(field, number));
      case EPOCH_MILLIS -> setTimestamp(number);
      case STRING -> setTicker(pageTicker); // a number is no ticker; a page's own one stays
    }
  }

  /** A numeric field's value when it was sent {@code number}: null if that is none. */
  private static JsonNumber numeric(BarField field, JsonNumber number) {
    return field.kind == BarField.Kind.COUNT ? count(number) : number;
  }

  // The setters below are kept under C1's inlining limit (35 bytes of bytecode, less when
  // nested): the fast path calls setNumber for every field. A slot is read only while its
  // field's bit is set, so a field that is gone is only unmarked.

  private void setNumber(BarField field, JsonNumber value) {
    if (value == null) {
      lacks(field);
      return; // rather than an else: its jump would take the method over the limit
    }
    numbers[field.ordinal()] = value;
    fields |= field.bit;
  }

  private void setTimestamp(JsonNumber number) {
    lacks(TIMESTAMP);
    if (number != null && number.isInteger()) {
      try {
        timestamp = number.longValueExact();
        fields |= TIMESTAMP.bit;
      } catch (ArithmeticException beyondLong) {
        // no timestamp
      }
    }
  }

  private void setTicker(String value) {
    ticker = value;
    if (value == null) {
      lacks(TICKER);
    } else {
      fields |= TICKER.bit;
    }
  }

  private void lacks(BarField field) {
    fields &= ~field.bit;
  }

  /** A count sent as 12.0 is still 12; anything else is not a count. */
  private static JsonNumber count(JsonNumber number) {
    if (number == null || number.isInteger()) {
      return number;
    }
    double value = Double.parseDouble(number.toString());
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? JsonNumber.of(Long.toString((long) value)) : null;
  }

  private Bar bar() {
    return new Bar(ticker, timestamp, number(BarField.OPEN), number(BarField.HIGH),
        number(BarField.LOW), number(BarField.CLOSE), number(BarField.VOLUME),
        number(BarField.VWAP), number(BarField.TRANSACTIONS));
  }

  /** A numeric field's value: its slot may hold one of an earlier bar, which is not this one's. */
  private JsonNumber number(BarField field) {
    return (fields & field.bit) != 0 ? numbers[field.ordinal()] : null;
  }
}
