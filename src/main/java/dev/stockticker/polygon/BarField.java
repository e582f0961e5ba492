package dev.stockticker.polygon;

import java.nio.charset.StandardCharsets;

/**
 * The fields of an aggregate bar that the connector reads: the one list both of {@link
 * BarReader}'s paths and its check for missing fields go by. Any other field of a bar is checked
 * as JSON and skipped.
 *
 * <p>In the order a missing field is reported: the first required one a bar lacks is named
 * (close before open, as the connector has always said). Volume, vwap and the trade count are
 * optional: index bars (I:SPX) have none of them. "T" is required, but a per-ticker page names
 * its ticker in the request, which fills it for every bar; only grouped pages need it in each.
 */
enum BarField {
  TIMESTAMP("t", Kind.EPOCH_MILLIS, true),
  CLOSE("c", Kind.NUMBER, true),
  OPEN("o", Kind.NUMBER, true),
  HIGH("h", Kind.NUMBER, true),
  LOW("l", Kind.NUMBER, true),
  TICKER("T", Kind.STRING, true),
  VOLUME("v", Kind.NUMBER, false),
  VWAP("vw", Kind.NUMBER, false),
  TRANSACTIONS("n", Kind.COUNT, false);

  /** What a field's value must be for the bar to have it. */
  enum Kind {
    /** Any JSON number, kept as sent. */
    NUMBER,
    /** A whole number, also when sent as 12.0 or 1.2e1. */
    COUNT,
    /** An integer that fits in a long. */
    EPOCH_MILLIS,
    /** A string. */
    STRING
  }

  private static final BarField[] FIELDS = values();
  /**
   * The fields by their name's first two ASCII bytes (a one-letter name's second is its closing
   * quote), so that a name in a page is found with one look, in code small enough for C1 to
   * inline into the fast path.
   */
  private static final BarField[] BY_FIRST_TWO_BYTES = byFirstTwoBytes();
  /** The bits of the fields a bar must have. */
  static final int REQUIRED = required();

  final String text;
  /** The name as ASCII bytes, which a page's bytes are compared with. */
  final byte[] name;
  final Kind kind;
  final boolean required;
  /** This field's bit in a set of fields. */
  final int bit = 1 << ordinal();

  BarField(String name, Kind kind, boolean required) {
    this.text = name;
    this.name = name.getBytes(StandardCharsets.US_ASCII);
    this.kind = kind;
    this.required = required;
  }

  /**
   * The field whose name begins at {@code from} in {@code bytes} (just after the opening quote),
   * by the first two bytes there, or null; only where {@link #closingQuote} finds the name's end
   * is it that field's name. Two lookups rather than one, each small enough for C1 to inline
   * into the fast path, and the end found from the bytes alone, so that reading on after the
   * name need not wait for this lookup's loads.
   */
  static BarField at(byte[] bytes, int from) {
    int key = bytes[from] << 7 | bytes[from + 1]; // negative if either byte is not ASCII
    return key < 0 ? null : BY_FIRST_TWO_BYTES[key];
  }

  /**
   * The index of the closing quote of a name of one or two bytes (a field's) at {@code from},
   * or -1. The caller makes sure that three bytes are there to read.
   */
  static int closingQuote(byte[] bytes, int from) {
    return bytes[from + 1] == '"' ? from + 1 : bytes[from + 2] == '"' ? from + 2 : -1;
  }

  /** The field named {@code name}, or null. */
  static BarField named(String name) {
    for (BarField field : FIELDS) {
      if (field.text.equals(name)) {
        return field;
      }
    }
    return null;
  }

  /** The first field in {@code fields} (a set of bits) that is required and not there. */
  static BarField firstMissing(int fields) {
    for (BarField field : FIELDS) {
      if (field.required && (fields & field.bit) == 0) {
        return field;
      }
    }
    return null;
  }

  private static BarField[] byFirstTwoBytes() {
    BarField[] table = new BarField[1 << 14];
    for (BarField field : values()) {
      if (!field.text.matches("[A-Za-z]{1,2}")) {
        throw new IllegalStateException(field.text + ": BarField.at reads names of 1 or 2 letters");
      }
      int key = field.name[0] << 7 | (field.name.length > 1 ? field.name[1] : '"');
      if (table[key] != null) {
        throw new IllegalStateException(field.text + " and " + table[key].text + " begin alike");
      }
      table[key] = field;
    }
    return table;
  }

  private static int required() {
    int bits = 0;
    for (BarField field : values()) {
      bits |= field.required ? field.bit : 0;
    }
    return bits;
  }
}
