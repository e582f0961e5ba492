package dev.stockticker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonNumberTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "7", "-12", "0.5", "-0.0", "12.50", "1e5", "1E+5", "1e-05",
      "-1.5E-3", "1.6846527E7", "99999999999999999999"})
  void acceptsRfc8259Numbers(String text) {
    JsonNumber number = JsonNumber.of(text);
    assertEquals(text, number.toString());
    assertEquals(new BigDecimal(text).signum(), number.signum());
    assertEquals(!text.matches(".*[.eE].*"), number.isInteger());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "1.e5", "0x10",
      "1 ", "NaN", "Infinity", "1.5.2", "1e5e5", "--1", "1-"})
  void rejectsEverythingElse(String text) {
    assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(text));
  }

  @Test
  void readTakesTheLongestNumberAtAPosition() {
    byte[] bytes = "[12.5e3,01,7]".getBytes(StandardCharsets.US_ASCII);
    assertEquals("12.5e3", JsonNumber.read(bytes, 1, bytes.length).toString());
    assertNull(JsonNumber.read(bytes, 8, bytes.length)); // a leading zero: no number
    assertNull(JsonNumber.read(bytes, 0, bytes.length));
    assertEquals("12", JsonNumber.read(bytes, 1, 3).toString()); // stops at the limit given
    assertNull(JsonNumber.read(bytes, 1, 4)); // "12." is not one
    assertTrue(JsonNumber.read(bytes, 11, bytes.length).isInteger());
  }

  @Test
  void longValueExactIsExactOrRefuses() {
    assertEquals(Long.MAX_VALUE, JsonNumber.of("9223372036854775807").longValueExact());
    assertEquals(Long.MIN_VALUE, JsonNumber.of("-9223372036854775808").longValueExact());
    assertEquals(-1164603600000L, JsonNumber.of("-1164603600000").longValueExact());
    assertThrows(ArithmeticException.class,
        () -> JsonNumber.of("9223372036854775808").longValueExact());
    assertThrows(ArithmeticException.class, () -> JsonNumber.of("1.0").longValueExact());
    assertThrows(ArithmeticException.class, () -> JsonNumber.of("1e3").longValueExact());
  }

  @Test
  void signumIsExactForAnyMagnitude() {
    assertEquals(0, JsonNumber.of("0.000e999999999999").signum());
    assertEquals(1, JsonNumber.of("0.001e-999999999999").signum());
    assertEquals(-1, JsonNumber.of("-0.001").signum());
  }

  @Test
  void copiesItsTextAndIsComparedByIt() {
    byte[] source = "x:17.25,".getBytes(StandardCharsets.US_ASCII);
    JsonNumber number = JsonNumber.of(source, 2, 5);
    source[3] = '9'; // the number owns its text
    byte[] into = new byte[7];
    number.copyTo(into, 1);
    assertEquals("\u000017.25\u0000", new String(into, StandardCharsets.US_ASCII));
    assertEquals(5, number.length());
    assertEquals(JsonNumber.of("17.25"), number);
    assertEquals(JsonNumber.of("17.25").hashCode(), number.hashCode());
    assertFalse(JsonNumber.of("17.250").equals(number));
    assertFalse(number.isInteger());
  }
}
