package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one aggregates response ({@code {"results":[{bar}, ...], "next_url": ..., ...}}) from a
 * stream, handing each bar to the handler as soon as its closing brace is read.
 *
 * <p>A strict JSON reader written for this one shape rather than Jackson: bars are nearly all of a
 * read's input, and a general parser's per-token bookkeeping (symbol tables, text buffers, number
 * conversions) was half of the connector's CPU per record. Here a bar's field names are compared
 * as bytes and its numbers are kept as the ASCII text Polygon sent. It still checks the whole of
 * RFC 8259's grammar (strings, escapes, UTF-8, numbers, literals, nesting) for every value it
 * reads or skips, and that nothing but whitespace follows the body's object, so a body Jackson
 * would reject is rejected here too; {@code PageParserTest} compares the two on generated and
 * damaged documents. Jackson's limits on numbers and nesting apply; strings are limited to
 * {@link #MAX_STRING_BYTES}, far below Jackson's, since a page's strings are tickers and URLs.
 */
final class PageParser {
  /** The same limits Jackson applies by default. */
  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_LENGTH = 1000;

  /** Strings longer than this are refused rather than held: Polygon's are tickers and URLs. */
  static final int MAX_STRING_BYTES = 1 << 20;

  private static final int EOF = -1;
  /** The field code of "vw": not a byte, so no one-letter name can be taken for it. */
  private static final int VW = 0x100;
  /** In place of a value's first byte once the value was read. */
  private static final int CONSUMED = -2;
  private static final byte[] RESULTS = ascii("results");
  private static final byte[] NEXT_URL = ascii("next_url");
  private static final byte[] RESULTS_COUNT = ascii("resultsCount");

  private final InputStream in;
  private final String what;
  private final String requestName;
  /** The ticker of every bar of this response, or null when each bar names its own in "T". */
  private final String ticker;

  private final byte[] buf = new byte[32 * 1024];
  private int pos;
  private int limit;
  /** Bytes of the body before {@code buf[0]}, for error positions. */
  private long consumed;

  /** The last string read: its raw bytes between the quotes, escapes not yet decoded. */
  private byte[] text = new byte[64];
  private int textLength;
  /** Whether the last string is plain ASCII without escapes, so its raw bytes are its chars. */
  private boolean textPlain;
  /** The last string decoded, when it is not plain (decoding is how it is checked). */
  private String decoded;

  private final byte[] numberScratch = new byte[MAX_NUMBER_LENGTH];
  private final BarFields fields = new BarFields();
  /** Bars the fast path read: for tests, which check that it is the common case. */
  private int compactBars;

  PageParser(InputStream in, String what, String requestName, String ticker) {
    this.in = in;
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
    if (skipWhitespace() != '{') {
      throw badResponse("the body is not a JSON object", true);
    }
    pos++;
    String nextUrl = null;
    JsonNumber resultsCount = null;
    boolean sawResults = false;
    int c = nextToken();
    if (c != '}') {
      while (true) {
        readName(c);
        boolean results = textIs(RESULTS);
        boolean next = !results && textIs(NEXT_URL);
        boolean count = !results && !next && textIs(RESULTS_COUNT);
        c = nextToken();
        // A second "results" array would be read as well (a tree keeps only the last); bars
        // repeated that way are dropped by the sync like those of a retried page.
        if (results) {
          if (c != '[') {
            skipValue(c, 2);
            throw badResponse("\"results\" is not an array", false);
          }
          sawResults = true;
          readResults(handler);
        } else if (next && c == '"') {
          readString();
          nextUrl = stringValue();
        } else if (count && isNumberStart(c)) {
          resultsCount = readNumber();
        } else {
          nextUrl = next ? null : nextUrl;
          resultsCount = count ? null : resultsCount;
          skipValue(c, 2);
        }
        if (!more('}', "',' or '}' after a field of the response")) {
          break;
        }
        c = nextToken();
      }
    }
    if (skipWhitespace() != EOF) { // read to the end, also so the connection can be reused
      throw malformed("there is more after the body's object");
    }
    if (!sawResults && resultsCount != null && resultsCount.signum() > 0) {
      throw badResponse("resultsCount is " + resultsCount + " but there is no \"results\" array",
          false);
    }
    return nextUrl;
  }

  private void readResults(BarHandler handler) throws IOException {
    int c = nextToken();
    if (c == ']') {
      return;
    }
    while (true) {
      if (c != '{') {
        skipValue(c, 3); // broken JSON is retried; a well-formed non-object is not
        throw badResponse("an element of \"results\" is not an object", false);
      }
      int start = pos;
      Bar bar = readCompactBar();
      if (bar == null) {
        pos = start;
        bar = readBar();
      }
      handler.onBar(bar);
      if (!more(']', "',' or ']' between bars")) {
        return;
      }
      c = nextToken();
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
    byte[] b = buf;
    int end = limit;
    int i = pos;
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
        if (number == null || number.length() > MAX_NUMBER_LENGTH || !fields.set(field, number)) {
          return null;
        }
        i += number.length();
      }
      if (i >= end || isNumberByte(b[i])) {
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
    pos = i;
    compactBars++;
    return fields.bar();
  }

  /**
   * Reads a bar whose '{' was just read, whatever its form. Fields it does not use are checked
   * and skipped.
   */
  private Bar readBar() throws IOException {
    BarFields fields = this.fields.reset(ticker);
    int next = nextToken();
    if (next != '}') {
      while (true) {
        int field = barFieldName(next);
        next = nextToken();
        boolean numeric = isNumberStart(next);
        JsonNumber number = numeric ? readNumber() : null;
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
            readString();
            fields.ticker = stringValue();
            next = CONSUMED;
          }
        } else {
          fields.set(field, number);
        }
        if (!numeric && next != CONSUMED) {
          skipValue(next, 4);
        }
        if (!more('}', "',' or '}' after a field of a bar")) {
          break;
        }
        next = nextToken();
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
    if (c == '"' && pos + 3 <= limit) {
      byte first = buf[pos];
      int field = 0;
      if (buf[pos + 1] == '"') {
        field = oneLetterField(first);
        pos += field == 0 ? 0 : 2;
      } else if (first == 'v' && buf[pos + 1] == 'w' && buf[pos + 2] == '"') {
        field = VW;
        pos += 3;
      }
      if (field != 0) {
        expect(nextToken(), ':', "':' after a field name");
        return field;
      }
    }
    readName(c);
    return barField();
  }

  /** The bar field the last string read is, as {@link #barFieldName} tells it. */
  private int barField() throws IOException {
    String name = stringValue();
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

  // ---- The JSON grammar. ----

  /**
   * Skips a value whose first byte {@code c} was just read, checking it is well-formed; {@code
   * depth} is the nesting level it has if it is an object or array (the body's object is 1).
   */
  private void skipValue(int c, int depth) throws IOException {
    if ((c == '{' || c == '[') && depth > MAX_DEPTH) {
      throw malformed("it nests deeper than " + MAX_DEPTH + " levels");
    }
    switch (c) {
      case '{' -> {
        int next = nextToken();
        if (next == '}') {
          return;
        }
        while (true) {
          readName(next);
          skipValue(nextToken(), depth + 1);
          if (!more('}', "',' or '}' in an object")) {
            return;
          }
          next = nextToken();
        }
      }
      case '[' -> {
        int next = nextToken();
        if (next == ']') {
          return;
        }
        while (true) {
          skipValue(next, depth + 1);
          if (!more(']', "',' or ']' in an array")) {
            return;
          }
          next = nextToken();
        }
      }
      case '"' -> readString();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (!isNumberStart(c)) {
          throw unexpected(c, "a value");
        }
        readNumber();
      }
    }
  }

  /** Reads an object's field name whose opening quote is {@code c}, and the colon after it. */
  private void readName(int c) throws IOException {
    expect(c, '"', "a field name");
    readString();
    expect(nextToken(), ':', "':' after a field name");
  }

  /**
   * Reads a string whose opening quote was just read, up to its closing quote, into
   * {@code text}. Escapes and UTF-8 are checked here and decoded only if the string is used.
   */
  private void readString() throws IOException {
    textLength = 0;
    textPlain = true;
    while (true) {
      if (pos >= limit && !fill()) {
        throw cutShort();
      }
      int start = pos;
      byte b = 0;
      while (pos < limit) {
        b = buf[pos];
        if (b == '"' || b == '\\' || b < 0x20) { // negative: a byte of a multi-byte UTF-8 char
          break;
        }
        pos++;
      }
      appendText(buf, start, pos - start);
      if (pos == limit) {
        continue;
      }
      pos++;
      if (b == '"') {
        decoded = textPlain ? null : decodeText();
        return;
      }
      if (b >= 0 && b < 0x20) {
        throw malformed(String.format("a control character (0x%02x) is not escaped in a string",
            b));
      }
      textPlain = false;
      appendText(b);
      if (b == '\\') {
        if (pos >= limit && !fill()) {
          throw cutShort();
        }
        appendText(buf[pos++]); // an escaped quote does not end the string
      }
    }
  }

  /** The last string read, decoded. */
  private String stringValue() {
    return textPlain ? new String(text, 0, textLength, StandardCharsets.ISO_8859_1) : decoded;
  }

  /** Decodes UTF-8 first (escapes are ASCII, so they survive it), then the escapes. */
  private String decodeText() throws IOException {
    String raw;
    try {
      raw = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text, 0, textLength))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("a string is not valid UTF-8");
    }
    StringBuilder decoded = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (ch != '\\') {
        decoded.append(ch);
        continue;
      }
      char escape = raw.charAt(++i);
      switch (escape) {
        case '"', '\\', '/' -> decoded.append(escape);
        case 'b' -> decoded.append('\b');
        case 'f' -> decoded.append('\f');
        case 'n' -> decoded.append('\n');
        case 'r' -> decoded.append('\r');
        case 't' -> decoded.append('\t');
        case 'u' -> {
          int code = i + 4 < raw.length() ? hex4(raw, i + 1) : -1;
          if (code < 0) {
            throw malformed("a \\u escape needs four hex digits");
          }
          decoded.append((char) code);
          i += 4;
        }
        default -> throw malformed("'\\" + escape + "' is not a JSON escape");
      }
    }
    return decoded.toString();
  }

  private static int hex4(String s, int at) {
    int code = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(s.charAt(i), 16);
      if (digit < 0 || s.charAt(i) > 'f') {
        return -1;
      }
      code = code * 16 + digit;
    }
    return code;
  }

  private boolean textIs(byte[] name) {
    if (!textPlain) {
      return decoded.equals(new String(name, StandardCharsets.ISO_8859_1));
    }
    return textLength == name.length && Arrays.equals(text, 0, textLength, name, 0, name.length);
  }

  private void appendText(byte[] bytes, int from, int length) throws IOException {
    ensureText(length);
    System.arraycopy(bytes, from, text, textLength, length);
    textLength += length;
  }

  private void appendText(byte b) throws IOException {
    ensureText(1);
    text[textLength++] = b;
  }

  private void ensureText(int more) throws IOException {
    if (textLength + more > MAX_STRING_BYTES) {
      throw malformed("a string is longer than " + MAX_STRING_BYTES + " bytes");
    }
    if (textLength + more > text.length) {
      text = Arrays.copyOf(text, Math.min(MAX_STRING_BYTES,
          Math.max(text.length * 2, textLength + more)));
    }
  }

  /**
   * Reads a number whose first byte was just read by {@link #nextToken}, checking it is one JSON
   * number. A number that ends inside the buffer is taken from where it lies; one that reaches
   * the buffer's end is gathered in {@code numberScratch} across refills first.
   */
  private JsonNumber readNumber() throws IOException {
    int start = pos - 1;
    JsonNumber number = JsonNumber.read(buf, start, limit);
    int end = number == null ? start : start + number.length();
    if (end < limit && !isNumberByte(buf[end]) && end - start <= MAX_NUMBER_LENGTH) {
      pos = end;
      return number;
    }
    int length = 0;
    pos = start;
    while ((pos < limit || fill()) && isNumberByte(buf[pos])) {
      if (length == MAX_NUMBER_LENGTH) {
        throw malformed("a number is longer than " + MAX_NUMBER_LENGTH + " characters");
      }
      numberScratch[length++] = buf[pos++];
    }
    try {
      return JsonNumber.of(numberScratch, 0, length);
    } catch (IllegalArgumentException notANumber) {
      if (pos >= limit) { // the body ended in the middle of it ("1.", "-")
        throw cutShort();
      }
      throw malformed("'" + new String(numberScratch, 0, length, StandardCharsets.ISO_8859_1)
          + "' is not a JSON number");
    }
  }

  /** The bytes a number is made of; any other byte ends it. */
  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '-' || b == '+';
  }

  private static boolean isNumberStart(int c) {
    return c == '-' || (c >= '0' && c <= '9');
  }

  private void literal(String word) throws IOException {
    for (int i = 1; i < word.length(); i++) {
      if (pos >= limit && !fill()) {
        throw cutShort();
      }
      if (buf[pos] != word.charAt(i)) {
        throw unexpected(buf[pos] & 0xff, "'" + word + "'");
      }
      pos++;
    } // what follows ("truex") is checked by the caller, which expects ',', '}' or ']'
  }

  // ---- Bytes. ----

  /** The next byte that is not whitespace, consumed; a body ending here is cut short. */
  private int nextToken() throws IOException {
    if (pos < limit && buf[pos] > ' ') { // Polygon sends no whitespace between tokens
      return buf[pos++];
    }
    int c = skipWhitespace();
    if (c == EOF) {
      throw cutShort();
    }
    pos++;
    return c;
  }

  /** The next byte that is not whitespace, not consumed, or EOF. */
  private int skipWhitespace() throws IOException {
    while (true) {
      while (pos < limit) {
        byte b = buf[pos];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return b & 0xff;
        }
        pos++;
      }
      if (!fill()) {
        return EOF;
      }
    }
  }

  /** Refills the buffer once everything in it was read; false at the end of the body. */
  private boolean fill() throws IOException {
    consumed += limit;
    pos = 0;
    limit = 0;
    int read;
    do {
      read = in.read(buf, 0, buf.length);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    limit = read;
    return true;
  }

  /**
   * Reads what follows a value inside an object or array that {@code close} ends: true for a
   * comma (another value follows), false for {@code close}.
   */
  private boolean more(char close, String expected) throws IOException {
    int c = nextToken();
    if (c == close) {
      return false;
    }
    expect(c, ',', expected);
    return true;
  }

  private void expect(int c, char expected, String description) throws IOException {
    if (c != expected) {
      throw unexpected(c, description);
    }
  }

  private IOException unexpected(int c, String expected) {
    String found = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    return malformed(found + " where " + expected + " was expected");
  }

  private IOException malformed(String problem) {
    return new MalformedBodyException(problem + " at byte " + (consumed + pos), false);
  }

  private IOException cutShort() {
    return new MalformedBodyException("it ends at byte " + (consumed + pos)
        + " in the middle of a value", true);
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
