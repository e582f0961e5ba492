package dev.stockticker.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON number exactly as it was written: prices pass from Polygon's response to the destination
 * digit for digit, with no binary floating-point round trip and no conversion at all, which on a
 * million records is most of the work there would be.
 *
 * <p>A leaf shared by the Polygon client, which reads these, and the protocol writer, which writes
 * them; it knows neither. Its text is always a valid RFC 8259 number, so a writer may copy it into
 * JSON unchecked.
 */
public final class JsonNumber {
  private final byte[] ascii;

  private JsonNumber(byte[] ascii) {
    this.ascii = ascii;
  }

  /**
   * The number that is exactly {@code length} bytes of {@code bytes} at {@code from}.
   *
   * @throws IllegalArgumentException if those bytes are not one JSON number
   */
  public static JsonNumber of(byte[] bytes, int from, int length) {
    if (length == 0 || end(bytes, from, from + length) != from + length) {
      throw new IllegalArgumentException("not a JSON number: "
          + new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }
    return new JsonNumber(Arrays.copyOfRange(bytes, from, from + length));
  }

  /** @throws IllegalArgumentException if {@code text} is not one JSON number */
  public static JsonNumber of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return of(bytes, 0, bytes.length);
  }

  /**
   * Where the longest JSON number at {@code start} ends, looking no further than {@code end}; or
   * {@code start} if none starts there (nor at "01": a leading zero makes no number). RFC 8259:
   * {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}. A reader must still check what
   * follows: in "1.5.2" a number ends before a byte that cannot follow one.
   */
  public static int end(byte[] bytes, int start, int end) {
    int i = start < end && bytes[start] == '-' ? start + 1 : start;
    int integer = i;
    i = digits(bytes, i, end);
    if (i == integer || (bytes[integer] == '0' && i > integer + 1)) {
      return start;
    }
    if (i < end && bytes[i] == '.') {
      int fraction = digits(bytes, i + 1, end);
      if (fraction == i + 1) {
        return start;
      }
      i = fraction;
    }
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      int sign = i + 1 < end && (bytes[i + 1] == '+' || bytes[i + 1] == '-') ? i + 2 : i + 1;
      int exponent = digits(bytes, sign, end);
      if (exponent == sign) {
        return start;
      }
      i = exponent;
    }
    return i;
  }

  private static int digits(byte[] bytes, int from, int end) {
    int i = from;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i;
  }

  /** Whether the number is written without a fraction or exponent. */
  public boolean isInteger() {
    for (byte b : ascii) {
      if (b == '.' || b == 'e' || b == 'E') {
        return false;
      }
    }
    return true;
  }

  /** -1, 0 or 1 as the number is negative, zero or positive; exact for any magnitude. */
  public int signum() {
    for (byte b : ascii) {
      if (b == 'e' || b == 'E') {
        break;
      }
      if (b >= '1' && b <= '9') {
        return ascii[0] == '-' ? -1 : 1;
      }
    }
    return 0;
  }

  /**
   * The number as a long.
   *
   * @throws ArithmeticException if it has a fraction or exponent, or does not fit in a long
   */
  public long longValueExact() {
    if (!isInteger()) {
      throw new ArithmeticException("not an integer: " + this);
    }
    boolean negative = ascii[0] == '-';
    if (ascii.length - (negative ? 1 : 0) >= 19) {
      return new BigInteger(toString()).longValueExact();
    }
    long value = 0;
    for (int i = negative ? 1 : 0; i < ascii.length; i++) {
      value = value * 10 + (ascii[i] - '0');
    }
    return negative ? -value : value;
  }

  /** The length of the number's text in bytes (ASCII: also in chars). */
  public int length() {
    return ascii.length;
  }

  /** Copies the number's ASCII text into {@code destination} at {@code at}. */
  public void copyTo(byte[] destination, int at) {
    System.arraycopy(ascii, 0, destination, at, ascii.length);
  }

  @Override
  public String toString() {
    return new String(ascii, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonNumber number && Arrays.equals(ascii, number.ascii);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ascii);
  }
}
