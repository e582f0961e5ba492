package dev.stockticker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.json.JsonNumber;
import dev.stockticker.protocol.RecordOutput.Name;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records written as bytes read back, through Jackson, as the values that went in. */
class RecordOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Name S = Name.of("s");
  private static final Name D = Name.of("d");
  private static final Name N = Name.of("n \"quoted\" é");

  /** Every piece handed to stdout, so drains can be seen. */
  private final List<byte[]> pieces = new ArrayList<>();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream() {
    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      pieces.add(Arrays.copyOfRange(bytes, offset, offset + length));
      super.write(bytes, offset, length);
    }
  };
  private final MessageWriter writer = new MessageWriter(stdout,
      Clock.fixed(Instant.parse("2024-03-04T05:06:07.089Z"), ZoneOffset.UTC), new SecretScrubber());

  private JsonNode[] lines() throws Exception {
    writer.flush();
    String[] text = stdout.toString(StandardCharsets.UTF_8).split("\n");
    JsonNode[] nodes = new JsonNode[text.length];
    for (int i = 0; i < text.length; i++) {
      nodes[i] = JSON.readTree(text[i]);
    }
    return nodes;
  }

  @Test
  void stringsDatesAndNumbersReadBackAsWritten() throws Exception {
    String[] strings = {"AAPL", "BRK.B", "a \"quote\" and \\ back", "tab\tnew\nline\u0001",
        "é € 𝄞 \u2028", ""};
    LocalDate[] dates = {LocalDate.parse("2024-03-04"), LocalDate.parse("0001-01-01"),
        LocalDate.parse("9999-12-31"), LocalDate.of(10000, 1, 1), LocalDate.of(-5, 6, 7)};
    for (String string : strings) {
      for (LocalDate date : dates) {
        writer.record("stock_prices", out -> {
          out.string(S, string);
          out.date(D, date);
          out.number(N, JsonNumber.of("-1.25E-3"));
        });
      }
    }
    writer.record("other \"stream\"", out -> {
      out.string(S, null);
      out.date(D, null);
      out.number(N, null);
    });

    JsonNode[] lines = lines();
    assertEquals(strings.length * dates.length + 1, lines.length);
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains(
        "\"n \\\"quoted\\\" é\":-1.25E-3}"), "numbers are written as they were read");
    int i = 0;
    for (String string : strings) {
      for (LocalDate date : dates) {
        JsonNode record = lines[i++].get("record");
        assertEquals("stock_prices", record.get("stream").asText());
        assertEquals(1709528767089L, record.get("emitted_at").asLong());
        JsonNode data = record.get("data");
        assertEquals(string, data.get("s").asText());
        assertEquals(date.toString(), data.get("d").asText());
        assertEquals("-0.00125", data.get("n \"quoted\" é").decimalValue().toPlainString());
      }
    }
    JsonNode last = lines[i].get("record");
    assertEquals("other \"stream\"", last.get("stream").asText());
    assertTrue(last.get("data").get("s").isNull() && last.get("data").get("d").isNull()
        && last.get("data").get("n \"quoted\" é").isNull());
  }

  @Test
  void timestampsAreRfc3339InUtcWithMillisecondsOnlyWhenThereAreAny() throws Exception {
    // As Instant.toString() writes them, which is RFC 3339 for years 0000 to 9999; beyond those,
    // the same text as Instant.toString(), sign and all.
    List<Long> instants = new ArrayList<>(List.of(1576180020000L, 1576180020250L, 1576180020001L,
        1576180020010L, 0L, -1L, -86_400_000L, Instant.parse("2024-03-10T06:59:59.999Z")
            .toEpochMilli(), Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(),
        Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
        Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli() + 1,
        Instant.parse("0000-01-01T00:00:00Z").toEpochMilli() - 1));
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 2000; i++) {
      instants.add((long) (random.nextDouble() * 4_000_000_000_000L) - 1_000_000_000_000L);
      instants.add(1_700_000_000_000L + random.nextInt(1000) * 60_000L); // same days repeating
    }
    Name t = Name.of("t");
    RecordOutput.Constant minute = RecordOutput.Constant.string("minute");
    RecordOutput.Constant five = RecordOutput.Constant.integer(5);
    for (long millis : instants) {
      writer.record("s", out -> {
        out.timestamp(t, millis);
        out.constant(S, minute);
        out.constant(N, five);
        out.constant(D, null);
      });
    }

    JsonNode[] lines = lines();
    assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("{\"type\":\"RECORD\",\"record\""
        + ":{\"stream\":\"s\",\"data\":{\"t\":\"2019-12-12T19:47:00Z\",\"s\":\"minute\","
        + "\"n \\\"quoted\\\" é\":5,\"d\":null}"), stdout.toString(StandardCharsets.UTF_8));
    for (int i = 0; i < instants.size(); i++) {
      assertEquals(Instant.ofEpochMilli(instants.get(i)).toString(),
          lines[i].at("/record/data/t").asText(), Long.toString(instants.get(i)));
    }
  }

  @Test
  void aRecordThatFailsHalfWayLeavesNothingBehind() throws Exception {
    writer.log(LogLevel.INFO, "before");
    assertThrows(IllegalStateException.class, () -> writer.record("s", out -> {
      out.string(S, "half");
      throw new IllegalStateException("boom");
    }));
    writer.record("s", out -> out.string(S, "whole"));

    JsonNode[] lines = lines();
    assertEquals(2, lines.length);
    assertEquals("before", lines[0].get("log").get("message").asText());
    assertEquals("whole", lines[1].get("record").get("data").get("s").asText());
  }

  @Test
  void recordsAndOtherMessagesInterleaveInOrderAndDrainInWholeMessages() throws Exception {
    for (int i = 0; i < 3000; i++) { // about 180 KB: past the 64 KB drain threshold twice
      writer.record("s", out -> out.string(S, "r"));
      if (i == 0 || i == 1500) { // a message end may drain too: only one in the middle
        writer.log(LogLevel.INFO, "log " + i);
      }
    }
    assertTrue(pieces.size() >= 2, pieces.size() + " pieces before the last flush");
    JsonNode[] lines = lines();
    for (byte[] piece : pieces) {
      assertEquals('\n', piece[piece.length - 1], "a piece of stdout ends mid-message");
    }
    assertEquals(3002, lines.length);
    assertEquals("log 0", lines[1].get("log").get("message").asText());
    assertEquals("log 1500", lines[1502].get("log").get("message").asText());
    assertEquals("RECORD", lines[3001].get("type").asText());
  }
}
