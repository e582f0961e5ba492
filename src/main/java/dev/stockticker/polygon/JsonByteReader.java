package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON half of {@link PageParser}: a strict RFC 8259 reader over a stream's bytes, token by
 * token, that knows no field of any page. Its caller walks the document (it knows what it expects
 * where) and asks for the next token, a name, a string, a number, or a value to be checked and
 * skipped. Every method checks the grammar of what it reads, so a body Jackson would reject is
 * rejected, with the byte offset where the problem is found and whether the body was merely cut
 * short (a connection dropped) or is not JSON.
 *
 * <p>Jackson's limits on numbers and nesting apply; strings are limited to {@link
 * #MAX_STRING_BYTES}, far below Jackson's, since a page's strings are tickers and URLs. The buffer
 * is open to a caller that reads a common shape faster straight from it ({@link #buffer}); it must
 * give up, and read through this class, wherever the buffer ends.
 */
final class JsonByteReader {
  /** The same limits Jackson applies by default. */
  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_LENGTH = 1000;

  /** Strings longer than this are refused rather than held: Polygon's are tickers and URLs. */
  static final int MAX_STRING_BYTES = 1 << 20;

  static final int EOF = -1;
  private static final boolean[] NUMBER_BYTES = new boolean[256];

  static {
    for (byte b : "0123456789.eE-+".getBytes(StandardCharsets.US_ASCII)) {
      NUMBER_BYTES[b] = true;
    }
  }

  private final InputStream in;
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

  JsonByteReader(InputStream in) {
    this.in = in;
  }

  // ---- The buffer, for a caller's fast path. ----

  /** The bytes read so far; those from {@link #position} to {@link #limit} are not consumed. */
  byte[] buffer() {
    return buf;
  }

  int position() {
    return pos;
  }

  int limit() {
    return limit;
  }

  /** Consumes the buffer up to {@code position}, which a fast path read and checked itself. */
  void position(int position) {
    pos = position;
  }

  // ---- Tokens. ----

  /** The next byte that is not whitespace, consumed; a body ending here is cut short. */
  int nextToken() throws IOException {
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
  int skipWhitespace() throws IOException {
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

  /**
   * Reads what follows a value inside an object or array that {@code close} ends: true for a
   * comma (another value follows), false for {@code close}.
   */
  boolean more(char close, String expected) throws IOException {
    int c = nextToken();
    if (c == close) {
      return false;
    }
    expect(c, ',', expected);
    return true;
  }

  void expect(int c, char expected, String description) throws IOException {
    if (c != expected) {
      throw unexpected(c, description);
    }
  }

  /**
   * Skips a value whose first byte {@code c} was just read, checking it is well-formed; {@code
   * depth} is the nesting level it has if it is an object or array (the body's object is 1).
   */
  void skipValue(int c, int depth) throws IOException {
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

  // ---- Strings. ----

  /** Reads an object's field name whose opening quote is {@code c}, and the colon after it. */
  void readName(int c) throws IOException {
    expect(c, '"', "a field name");
    readString();
    expect(nextToken(), ':', "':' after a field name");
  }

  /**
   * Reads a string whose opening quote was just read, up to its closing quote, into
   * {@code text}. Escapes and UTF-8 are checked here and decoded only if the string is used.
   */
  void readString() throws IOException {
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
  String stringValue() {
    return textPlain ? new String(text, 0, textLength, StandardCharsets.ISO_8859_1) : decoded;
  }

  /** Whether the last string read is {@code name}, given as ASCII bytes. */
  boolean textIs(byte[] name) {
    if (!textPlain) {
      return decoded.equals(new String(name, StandardCharsets.ISO_8859_1));
    }
    return textLength == name.length && Arrays.equals(text, 0, textLength, name, 0, name.length);
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

  // ---- Numbers. ----

  /**
   * Reads a number whose first byte was just read by {@link #nextToken}, checking it is one JSON
   * number. A number that ends inside the buffer is taken from where it lies; one that reaches
   * the buffer's end is gathered in {@code numberScratch} across refills first.
   */
  JsonNumber readNumber() throws IOException {
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
  static boolean isNumberByte(byte b) {
    return NUMBER_BYTES[b & 0xff]; // a table, so that the method is small enough to inline
  }

  static boolean isNumberStart(int c) {
    return c == '-' || (c >= '0' && c <= '9');
  }

  // ---- Bytes and errors. ----

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

  private IOException unexpected(int c, String expected) {
    String found = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    return malformed(found + " where " + expected + " was expected");
  }

  /** A body that is not JSON: {@code problem}, said where the reader is. */
  IOException malformed(String problem) {
    return new PageParser.MalformedBodyException(problem + " at byte " + (consumed + pos), false);
  }

  private IOException cutShort() {
    return new PageParser.MalformedBodyException("it ends at byte " + (consumed + pos)
        + " in the middle of a value", true);
  }
}
