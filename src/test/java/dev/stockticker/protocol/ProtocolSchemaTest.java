package dev.stockticker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.json.JsonNumber;
import dev.stockticker.support.ProtocolSchema;
import dev.stockticker.support.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The validator every test relies on really rejects what the protocol forbids. */
class ProtocolSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void schemaRejectsInvalidMessages() throws Exception {
    assumeTrue(ProtocolSchema.available(), ProtocolSchema.SKIP_REASON);
    assertFalse(ProtocolSchema.validate(JSON.readTree("{\"type\":\"NOPE\"}")).isEmpty());
    assertFalse(ProtocolSchema.validate(JSON.readTree(
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{}}}")).isEmpty(),
        "emitted_at is required");
    assertFalse(ProtocolSchema.validate(JSON.readTree("{\"type\":\"TRACE\",\"trace\":{\"type\":"
        + "\"ERROR\",\"emitted_at\":1,\"error\":{\"message\":\"m\",\"failure_type\":\"oops\"}}}"))
        .isEmpty());
    assertThrows(AssertionError.class, () -> Run.of(0,
        "{\"type\":\"LOG\",\"log\":{\"level\":\"LOUD\",\"message\":\"m\"}}\n"));
  }

  @Test
  void everyKindOfMessageTheWriterMakesIsValid() {
    assumeTrue(ProtocolSchema.available(), ProtocolSchema.SKIP_REASON);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    SecretScrubber scrubber = new SecretScrubber();
    scrubber.add("super-secret-key");
    MessageWriter out = new MessageWriter(stdout,
        Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC), scrubber);
    out.log(LogLevel.WARN, "using super-secret-key");
    out.connectionStatus(false, "bad super-secret-key");
    out.record("s", data -> data.number(RecordOutput.Name.of("x"), JsonNumber.of("1")));
    out.state("s", JSON.createObjectNode().put("date", "2024-01-01"), 1);
    out.streamStatus("s", StreamStatus.STARTED);
    out.rateLimited("s", 1_704_153_600_000L);
    out.error(FailureType.TRANSIENT_ERROR, "m super-secret-key", "i", "trace");
    out.flush();
    String text = stdout.toString(StandardCharsets.UTF_8);

    Run run = Run.of(1, text);

    assertEquals(7, run.messages().size());
    assertFalse(text.contains("super-secret-key"));
    assertTrue(text.contains("\"recordCount\":1.0"));
    assertTrue(text.contains("\"reasons\":[{\"type\":\"RATE_LIMITED\",\"rate_limited\":"
        + "{\"quota_reset\":1704153600000}}]"));
  }
}
