package dev.stockticker.polygon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * A JSON number exactly as Polygon wrote it. Prices pass from the response to the destination
 * digit for digit, with no binary floating-point round trip; and they stay characters throughout,
 * because converting them (to doubles and back, or to Strings and back) was the costliest step of
 * a read.
 */
public final class JsonNumber {
  private final char[] text;

  private JsonNumber(char[] text) {
    this.text = text;
  }

  /** The number at the parser's current token, which must be numeric. */
  static JsonNumber of(JsonParser parser) throws IOException {
    int offset = parser.getTextOffset();
    return new JsonNumber(Arrays.copyOfRange(parser.getTextCharacters(), offset,
        offset + parser.getTextLength()));
  }

  /** A number from its text, e.g. a count Polygon sent as {@code 12.0}, normalised to 12. */
  static JsonNumber of(String text) {
    return new JsonNumber(text.toCharArray());
  }

  /** Writes the number as a JSON value, unchanged. */
  public void writeTo(JsonGenerator out) throws IOException {
    out.writeNumber(text, 0, text.length);
  }

  @Override
  public String toString() {
    return new String(text);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonNumber number && Arrays.equals(text, number.text);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(text);
  }
}
