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
  private final boolean integer;

  private JsonNumber(byte[] ascii, boolean integer) {
    this.ascii = ascii;
    this.integer = integer;
  }

  /**
   * The longest JSON number at {@code start}, looking no further than {@code limit}; null if
   * none starts there (nor at "01": a leading zero makes no number). RFC 8259: {@code -? (0 |
   * [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}. A reader must still check what follows it: in
   * "1.5.2" a number ends before a byte that cannot follow one.
   */
  public static JsonNumber read(byte[] bytes, int start, int limit) {
    int i = start < limit && bytes[start] == '-' ? start + 1 : start;
    int integerStart = i;
    while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    if (i == integerStart || (bytes[integerStart] == '0' && i > integerStart + 1)) {
      return null;
    }
    boolean integer = true;
    if (i < limit && bytes[i] == '.') {
      int fraction = ++i;
      while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
      if (i == fraction) {
        return null;
      }
      integer = false;
    }
    if (i < limit && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      if (i < limit && (bytes[i] == '+' || bytes[i] == '-')) {
        i++;
      }
      int exponent = i;
      while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
      if (i == exponent) {
        return null;
      }
      integer = false;
    }
    return new JsonNumber(Arrays.copyOfRange(bytes, start, i), integer);
  }

  /**
   * The number that is exactly {@code length} bytes of {@code bytes} at {@code from}.
   *
   * @throws IllegalArgumentException if those bytes are not one JSON number
   */
  public static JsonNumber of(byte[] bytes, int from, int length) {
    JsonNumber number = read(bytes, from, from + length);
    if (number == null || number.length() != length) {
      throw new IllegalArgumentException("not a JSON number: "
          + new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }
    return number;
  }

  /** @throws IllegalArgumentException if {@code text} is not one JSON number */
  public static JsonNumber of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return of(bytes, 0, bytes.length);
  }

  /** Whether the number is written without a fraction or exponent. */
  public boolean isInteger() {
    return integer;
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
