package dev.stockticker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
  // Pre-encoded: writeRaw(String) would re-encode the characters of every record.
  private static final SerializedString EMITTED_AT = new SerializedString(",\"emitted_at\":");
  private static final SerializedString RECORD_END = new SerializedString("}}\n");

  private final OutputStream out;
  private final Clock clock;
  private final SecretScrubber scrubber;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(DRAIN_THRESHOLD * 2);
  private final JsonFactory factory = new JsonFactory();
  private final JsonGenerator json;
  private final Map<String, SerializedString> recordPrefixes = new HashMap<>();

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
   * A RECORD. Records are nearly all of a sync's output, so the envelope around {@code data} is
   * written as pre-encoded text and only the data object goes through the generator.
   */
  public void record(String stream, RecordData data) {
    try {
      json.writeRaw(recordPrefixes.computeIfAbsent(stream, MessageWriter::recordPrefix));
      json.writeStartObject();
      data.writeFields(json);
      json.writeEndObject();
      json.writeRaw(EMITTED_AT);
      json.writeNumber(clock.millis()); // a root-level value to the generator: no separator
      json.writeRaw(RECORD_END);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pending.size() >= DRAIN_THRESHOLD) {
      flush();
    }
  }

  private static SerializedString recordPrefix(String stream) {
    return new SerializedString("{\"type\":\"RECORD\",\"record\":{\"stream\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(stream)) + "\",\"data\":");
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
      pending.writeTo(out);
      pending.reset();
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
   * Ends a message. The generator's own buffer spills into {@code pending} by itself; only here,
   * between messages, may {@code pending} go to stdout.
   */
  private void end() {
    try {
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pending.size() >= DRAIN_THRESHOLD) {
      flush();
    }
  }
}
