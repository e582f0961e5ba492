package dev.stockticker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The only writer of stdout: one Airbyte message per line.
 *
 * <p>Messages are built in memory and handed to the real stream only at message boundaries, so a
 * crash can never leave half a record on stdout. Output is flushed at every STATE (the platform may
 * commit it) and when the command ends. Every free-text string (logs, traces, connection status)
 * goes through the {@link SecretScrubber}; record data does not, since it is prices and tickers.
 *
 * <p>Only Jackson's streaming core is used: data-binding's ObjectMapper costs about 100 ms of
 * start-up. Trees (catalog, state) are written by {@link JsonTrees}.
 */
public final class MessageWriter implements AutoCloseable {
  private static final int DRAIN_THRESHOLD = 64 * 1024;
  private static final byte[] EMITTED_AT = ascii("},\"emitted_at\":");
  private static final byte[] RECORD_END = ascii("}}\n");

  private final OutputStream out;
  private final Clock clock;
  private final SecretScrubber scrubber;
  private final OutputBuffer pending = new OutputBuffer(DRAIN_THRESHOLD * 2);
  private final RecordOutput recordOutput = new RecordOutput(pending);
  private final JsonFactory factory = new JsonFactory();
  private final JsonGenerator json;
  private final Map<String, byte[]> recordPrefixes = new HashMap<>();
  private String lastStream;
  private byte[] lastPrefix;
  private long emittedAt = -1;
  private String emittedAtText;

  public MessageWriter(OutputStream out, Clock clock, SecretScrubber scrubber) {
    this.out = out;
    this.clock = clock;
    this.scrubber = scrubber;
    try {
      this.json = factory.createGenerator(pending);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.setRootValueSeparator(null); // Jackson's default would start every line but one with a space
  }

  public SecretScrubber scrubber() {
    return scrubber;
  }

  /** A SPEC message whose body is the JSON document {@code spec}, copied without a tree. */
  public void spec(InputStream spec) {
    begin("SPEC");
    try (JsonParser parser = factory.createParser(spec)) {
      json.writeFieldName("spec");
      parser.nextToken();
      json.copyCurrentStructure(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
  }

  public void connectionStatus(boolean succeeded, String message) {
    begin("CONNECTION_STATUS");
    try {
      json.writeObjectFieldStart("connectionStatus");
      json.writeStringField("status", succeeded ? "SUCCEEDED" : "FAILED");
      if (message != null) {
        json.writeStringField("message", scrubber.scrub(message));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
  }

  public void catalog(JsonNode catalog) {
    begin("CATALOG");
    field("catalog", catalog);
    end();
  }

  /**
   * A RECORD. Records are nearly all of a sync's output, so they bypass the generator: the
   * envelope is pre-encoded bytes and the data object is written by {@link RecordOutput}.
   */
  public void record(String stream, RecordData data) {
    int start = pending.size;
    if (!stream.equals(lastStream)) { // a sync writes one stream's records in long runs
      lastPrefix = recordPrefixes.computeIfAbsent(stream, MessageWriter::recordPrefix);
      lastStream = stream;
    }
    pending.write(lastPrefix);
    recordOutput.beginObject();
    try {
      data.writeFields(recordOutput);
    } catch (RuntimeException e) {
      pending.size = start; // never half a record
      throw e;
    }
    pending.write(EMITTED_AT);
    long now = clock.millis();
    if (now != emittedAt) { // thousands of records share a millisecond
      emittedAt = now;
      emittedAtText = Long.toString(now);
    }
    pending.writeAscii(emittedAtText);
    pending.write(RECORD_END);
    if (pending.size >= DRAIN_THRESHOLD) {
      flush();
    }
  }

  private static byte[] recordPrefix(String stream) {
    return ("{\"type\":\"RECORD\",\"record\":{\"stream\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(stream)) + "\",\"data\":{")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A per-stream STATE; {@code recordCount} is the number of records since the previous one. */
  public void state(String stream, JsonNode streamState, long recordCount) {
    begin("STATE");
    try {
      json.writeObjectFieldStart("state");
      json.writeStringField("type", "STREAM");
      json.writeObjectFieldStart("stream");
      writeDescriptor(stream);
      json.writeFieldName("stream_state");
      writeTree(streamState);
      json.writeEndObject();
      json.writeObjectFieldStart("sourceStats");
      json.writeNumberField("recordCount", (double) recordCount);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
    flush();
  }

  public void log(LogLevel level, String message) {
    begin("LOG");
    try {
      json.writeObjectFieldStart("log");
      json.writeStringField("level", level.name());
      json.writeStringField("message", scrubber.scrub(message));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
  }

  public void streamStatus(String stream, StreamStatus status) {
    streamStatus(stream, status, null);
  }

  /** A RUNNING status saying the stream waits on a rate limit that resets at {@code quotaReset}. */
  public void rateLimited(String stream, long quotaResetEpochMillis) {
    streamStatus(stream, StreamStatus.RUNNING, quotaResetEpochMillis);
  }

  private void streamStatus(String stream, StreamStatus status, Long quotaReset) {
    beginTrace("STREAM_STATUS");
    try {
      json.writeObjectFieldStart("stream_status");
      writeDescriptor(stream);
      json.writeStringField("status", status.name());
      if (quotaReset != null) {
        json.writeArrayFieldStart("reasons");
        json.writeStartObject();
        json.writeStringField("type", "RATE_LIMITED");
        json.writeObjectFieldStart("rate_limited");
        json.writeNumberField("quota_reset", quotaReset);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
  }

  public void error(FailureType type, String message, String internalMessage, String stackTrace) {
    beginTrace("ERROR");
    try {
      json.writeObjectFieldStart("error");
      json.writeStringField("message", scrubber.scrub(message));
      if (internalMessage != null) {
        json.writeStringField("internal_message", scrubber.scrub(internalMessage));
      }
      if (stackTrace != null) {
        json.writeStringField("stack_trace", scrubber.scrub(stackTrace));
      }
      json.writeStringField("failure_type", type.wireName());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    end();
  }

  /** Hands every complete message to the real stream. */
  public void flush() {
    try {
      json.flush();
      pending.drainTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    flush();
  }

  private void beginTrace(String traceType) {
    begin("TRACE");
    try {
      json.writeObjectFieldStart("trace");
      json.writeStringField("type", traceType);
      json.writeNumberField("emitted_at", clock.millis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeDescriptor(String stream) throws IOException {
    json.writeObjectFieldStart("stream_descriptor");
    json.writeStringField("name", stream);
    json.writeEndObject();
  }

  private void begin(String type) {
    try {
      json.writeStartObject();
      json.writeStringField("type", type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void field(String name, JsonNode value) {
    try {
      json.writeFieldName(name);
      writeTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeTree(JsonNode node) throws IOException {
    JsonTrees.write(json, node);
  }

  /**
   * Ends a message and moves it from the generator's own buffer into {@code pending}, where
   * records are appended directly. Only here, between messages, may {@code pending} go to stdout.
   */
  private void end() {
    try {
      json.writeEndObject();
      json.writeRaw('\n');
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pending.size >= DRAIN_THRESHOLD) {
      flush();
    }
  }
}
