package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one aggregates response ({@code {"results":[{bar}, ...], "next_url": ..., ...}}) from a
 * stream, handing each bar to the handler as soon as its closing brace is read.
 *
 * <p>A strict JSON reader written for this one shape rather than Jackson: bars are nearly all of a
 * read's input, and a general parser's per-token bookkeeping (symbol tables, text buffers, number
 * conversions) was half of the connector's CPU per record. Here a bar's field names are compared
 * as bytes and its numbers are kept as the ASCII text Polygon sent. It still checks the whole of
 * RFC 8259's grammar for every value it reads or skips ({@link JsonByteReader}, which knows no
 * bar), and that nothing but whitespace follows the body's object, so a body Jackson would reject
 * is rejected here too; {@code PageParserTest} compares the two on generated and damaged
 * documents.
 */
final class PageParser {
  /** The field code of "vw": not a byte, so no one-letter name can be taken for it. */
  private static final int VW = 0x100;
  /** In place of a value's first byte once the value was read. */
  private static final int CONSUMED = -2;
  private static final byte[] RESULTS = ascii("results");
  private static final byte[] NEXT_URL = ascii("next_url");
  private static final byte[] RESULTS_COUNT = ascii("resultsCount");

  private final JsonByteReader json;
  private final String what;
  private final String requestName;
  /** The ticker of every bar of this response, or null when each bar names its own in "T". */
  private final String ticker;

  private final BarFields fields = new BarFields();
  /** Bars the fast path read: for tests, which check that it is the common case. */
  private int compactBars;

  PageParser(InputStream in, String what, String requestName, String ticker) {
    this.json = new JsonByteReader(in);
    this.what = what;
    this.requestName = requestName;
    this.ticker = ticker;
  }

  int compactBars() {
    return compactBars;
  }

  /** Body syntax errors: the page is retried, since a proxy or a cut connection may cause them. */
  static final class MalformedBodyException extends IOException {
    final boolean cutShort;

    MalformedBodyException(String message, boolean cutShort) {
      super(message, null);
      this.cutShort = cutShort;
    }
  }

  /** Reads the page; returns its next_url, or null on the last page. */
  String parse(BarHandler handler) throws IOException {
    if (json.skipWhitespace() != '{') {
      throw badResponse("the body is not a JSON object", true);
    }
    json.nextToken(); // the '{', which an empty body would not be
    String nextUrl = null;
    JsonNumber resultsCount = null;
    boolean sawResults = false;
    int c = json.nextToken();
    if (c != '}') {
      while (true) {
        json.readName(c);
        boolean results = json.textIs(RESULTS);
        boolean next = !results && json.textIs(NEXT_URL);
        boolean count = !results && !next && json.textIs(RESULTS_COUNT);
        c = json.nextToken();
        // A second "results" array would be read as well (a tree keeps only the last); bars
        // repeated that way are dropped by the sync like those of a retried page.
        if (results) {
          if (c != '[') {
            json.skipValue(c, 2);
            throw badResponse("\"results\" is not an array", false);
          }
          sawResults = true;
          readResults(handler);
        } else if (next && c == '"') {
          json.readString();
          nextUrl = json.stringValue();
        } else if (count && JsonByteReader.isNumberStart(c)) {
          resultsCount = json.readNumber();
        } else {
          nextUrl = next ? null : nextUrl;
          resultsCount = count ? null : resultsCount;
          json.skipValue(c, 2);
        }
        if (!json.more('}', "',' or '}' after a field of the response")) {
          break;
        }
        c = json.nextToken();
      }
    }
    if (json.skipWhitespace() != JsonByteReader.EOF) { // read to the end: the connection is reused
      throw json.malformed("there is more after the body's object");
    }
    if (!sawResults && resultsCount != null && resultsCount.signum() > 0) {
      throw badResponse("resultsCount is " + resultsCount + " but there is no \"results\" array",
          false);
    }
    return nextUrl;
  }

  private void readResults(BarHandler handler) throws IOException {
    int c = json.nextToken();
    if (c == ']') {
      return;
    }
    while (true) {
      if (c != '{') {
        json.skipValue(c, 3); // broken JSON is retried; a well-formed non-object is not
        throw badResponse("an element of \"results\" is not an object", false);
      }
      Bar bar = readCompactBar();
      if (bar == null) {
        bar = readBar();
      }
      handler.onBar(bar);
      if (!json.more(']', "',' or ']' between bars")) {
        return;
      }
      c = json.nextToken();
    }
  }

  /**
   * The fast path for a bar whose '{' was just read: a bar wholly in the buffer, in the compact
   * form Polygon writes ({@code {"v":1.2E7,"vw":7.85,"o":7.81,...,"t":1164603600000,"n":165160}}:
   * no whitespace, only bar fields, numbers, a plain ticker), with every field a bar needs, is read
   * here in one pass without leaving the buffer. Anything else returns null, and {@link #readBar}
   * reads the bar again from its start, with every check and error message; the two must agree,
   * which {@code PageParserTest} checks by reading each page both whole and a few bytes at a time.
   */
  private Bar readCompactBar() {
    byte[] b = json.buffer();
    int end = json.limit();
    int i = json.position();
    BarFields fields = this.fields.reset(ticker);
    while (true) {
      if (i + 4 >= end || b[i] != '"') {
        return null;
      }
      int field = b[i + 1];
      if (b[i + 2] == '"') {
        i += 3;
      } else if (field == 'v' && b[i + 2] == 'w' && b[i + 3] == '"') {
        field = VW;
        i += 4;
      } else {
        return null;
      }
      if (b[i++] != ':') {
        return null;
      }
      if (field == 't') {
        int digits = i;
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
          value = value * 10 + (b[i++] - '0');
        }
        int count = i - digits;
        if (count == 0 || count > 18 || (b[digits] == '0' && count > 1)) {
          return null;
        }
        fields.t = value;
        fields.hasT = true;
      } else if (field == 'T') {
        if (ticker != null || i >= end || b[i++] != '"') {
          return null;
        }
        int from = i;
        while (i < end && b[i] != '"') {
          if (b[i] < 0x20 || b[i] == '\\') { // an escape, a control or non-ASCII byte
            return null;
          }
          i++;
        }
        if (i == end) {
          return null;
        }
        fields.ticker = new String(b, from, i - from, StandardCharsets.ISO_8859_1);
        i++;
      } else {
        JsonNumber number = JsonNumber.read(b, i, end);
        if (number == null || number.length() > JsonByteReader.MAX_NUMBER_LENGTH || !fields.set(field, number)) {
          return null;
        }
        i += number.length();
      }
      if (i >= end || JsonByteReader.isNumberByte(b[i])) {
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
    if (fields.missing() != null) {
      return null;
    }
    json.position(i);
    compactBars++;
    return fields.bar();
  }

  /**
   * Reads a bar whose '{' was just read, whatever its form. Fields it does not use are checked
   * and skipped.
   */
  private Bar readBar() throws IOException {
    BarFields fields = this.fields.reset(ticker);
    int next = json.nextToken();
    if (next != '}') {
      while (true) {
        int field = barFieldName(next);
        next = json.nextToken();
        boolean numeric = JsonByteReader.isNumberStart(next);
        JsonNumber number = numeric ? json.readNumber() : null;
        if (field == 't') {
          fields.hasT = numeric && number.isInteger();
          try {
            fields.t = fields.hasT ? number.longValueExact() : 0;
          } catch (ArithmeticException beyondLong) {
            fields.hasT = false;
          }
        } else if (field == 'T' && ticker == null) {
          fields.ticker = null;
          if (next == '"') {
            json.readString();
            fields.ticker = json.stringValue();
            next = CONSUMED;
          }
        } else {
          fields.set(field, number);
        }
        if (!numeric && next != CONSUMED) {
          json.skipValue(next, 4);
        }
        if (!json.more('}', "',' or '}' after a field of a bar")) {
          break;
        }
        next = json.nextToken();
      }
    }
    String missing = fields.missing();
    if (missing != null) {
      throw badResponse("a bar has no " + (missing.equals("T") ? "string" : "numeric") + " \""
          + missing + "\"" + (fields.hasT ? " (t=" + fields.t + ")" : ""), false);
    }
    return fields.bar();
  }

  /** The fields of the bar being read: one per parser, reset for each bar. */
  private static final class BarFields {
    long t;
    boolean hasT;
    JsonNumber o, h, l, c, v, vw, n;
    String ticker;

    BarFields reset(String ticker) {
      t = 0;
      hasT = false;
      o = h = l = c = v = vw = n = null;
      this.ticker = ticker;
      return this;
    }

    /**
     * Sets a numeric field ({@link #VW} for vw) to {@code number}, or to null for a value that is
     * not a number; false for a field that is none of them. A count sent as 12.0 is still 12; any
     * other fraction is not a count.
     */
    boolean set(int field, JsonNumber number) {
      switch (field) {
        case 'o' -> o = number;
        case 'h' -> h = number;
        case 'l' -> l = number;
        case 'c' -> c = number;
        case 'v' -> v = number;
        case VW -> vw = number;
        case 'n' -> n = number == null || number.isInteger() ? number : wholeNumber(number);
        default -> {
          return false;
        }
      }
      return true;
    }

    /**
     * The first field a bar must have that this one lacks, or null. Volume, vwap and the trade
     * count are optional: index bars (I:SPX) have none of them.
     */
    String missing() {
      return !hasT ? "t" : c == null ? "c" : o == null ? "o" : h == null ? "h" : l == null ? "l"
          : ticker == null ? "T" : null;
    }

    Bar bar() {
      return new Bar(ticker, t, o, h, l, c, v, vw, n);
    }
  }

  /**
   * Reads a bar's field name whose opening quote is {@code c}, and the colon after it; returns
   * the field as one char ({@link #VW} for vw), or 0 for a field bars do not use. Polygon's names
   * are one or two ASCII letters, which are matched in the buffer without copying them.
   */
  private int barFieldName(int c) throws IOException {
    byte[] buf = json.buffer();
    int pos = json.position();
    if (c == '"' && pos + 3 <= json.limit()) {
      byte first = buf[pos];
      int field = 0;
      if (buf[pos + 1] == '"') {
        field = oneLetterField(first);
        json.position(pos + (field == 0 ? 0 : 2));
      } else if (first == 'v' && buf[pos + 1] == 'w' && buf[pos + 2] == '"') {
        field = VW;
        json.position(pos + 3);
      }
      if (field != 0) {
        json.expect(json.nextToken(), ':', "':' after a field name");
        return field;
      }
    }
    json.readName(c);
    return barField();
  }

  /** The bar field the last string read is, as {@link #barFieldName} tells it. */
  private int barField() throws IOException {
    String name = json.stringValue();
    return name.length() == 1 ? oneLetterField(name.charAt(0)) : name.equals("vw") ? VW : 0;
  }

  /** The bar field named by one letter: the letter itself if a bar has it, else 0. */
  private static int oneLetterField(int letter) {
    return switch (letter) {
      case 't', 'o', 'h', 'l', 'c', 'v', 'n', 'T' -> letter;
      default -> 0;
    };
  }

  /** A count sent as 12.0 is still 12; anything else is not a count. */
  private static JsonNumber wholeNumber(JsonNumber number) {
    double value = Double.parseDouble(number.toString());
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? JsonNumber.of(Long.toString((long) value)) : null;
  }

  /** A body that is {@code notJson}, or JSON of another shape than an aggregates page. */
  private PolygonException badResponse(String problem, boolean notJson) {
    return notJson ? PolygonException.badResponse(what, requestName, problem, null)
        : PolygonException.unexpectedShape(what, requestName, problem);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
