package dev.stockticker.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of a bar's fields, and the two lookups the fast path makes in a page's bytes. */
class BarFieldTest {
  @Test
  void everyFieldIsFoundWhereItsNameStandsAndByItsText() {
    for (BarField field : BarField.values()) {
      byte[] page = ("\"" + field.text + "\":1").getBytes(StandardCharsets.US_ASCII);
      assertSame(field, BarField.at(page, 1), field.text);
      assertEquals(1 + field.text.length(), BarField.closingQuote(page, 1), field.text);
      assertSame(field, BarField.named(field.text), field.text);
    }
  }

  /** Names a bar does not use, some of them a byte away from one it does. */
  @ParameterizedTest
  @ValueSource(strings = {"x", "vx", "vww", "tt", "V", "w", "ñ", "té", "\\u0074"})
  void otherNamesAreNoField(String name) {
    byte[] page = ("\"" + name + "\":1,").getBytes(StandardCharsets.UTF_8);
    BarField field = BarField.at(page, 1);
    int quote = BarField.closingQuote(page, 1);
    assertNull(field != null && quote >= 0 ? field : null, name);
    assertNull(BarField.named(name), name);
  }

  @Test
  void bytesBeyondAsciiAreNotTakenForTheLettersTheyEndIn() {
    // 0xF4 is 't' with the top bit set: a lookup that masked it would find the timestamp.
    assertNull(BarField.at(new byte[] {(byte) 0xf4, '"', ':'}, 0));
    assertNull(BarField.at(new byte[] {'v', (byte) 0xf7, '"'}, 0));
  }

  @Test
  void theRequiredFieldsAreReportedMissingInTableOrder() {
    EnumSet<BarField> required = EnumSet.of(BarField.TIMESTAMP, BarField.OPEN, BarField.HIGH,
        BarField.LOW, BarField.CLOSE, BarField.TICKER); // index bars have no v, vw or n
    List<String> reported = new ArrayList<>();
    int fields = 0;
    for (BarField missing; (missing = BarField.firstMissing(fields)) != null; ) {
      reported.add(missing.text);
      fields |= missing.bit;
    }
    assertEquals(List.of("t", "c", "o", "h", "l", "T"), reported);
    int bits = 0;
    for (BarField field : required) {
      bits |= field.bit;
    }
    assertEquals(bits, BarField.REQUIRED);
  }
}
