package dev.stockticker.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of one connector command: its exit code and every message it wrote to stdout. */
public record Run(int exitCode, String stdout, List<JsonNode> messages) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses stdout strictly: every line must be one JSON object valid against the protocol. */
  public static Run of(int exitCode, String stdout) {
    List<JsonNode> messages = new ArrayList<>();
    if (!stdout.isEmpty()) {
      if (!stdout.endsWith("\n")) {
        throw new AssertionError("stdout does not end with a newline: " + tail(stdout));
      }
      for (String line : stdout.split("\n", -1)) {
        if (line.isEmpty()) {
          continue;
        }
        if (!line.startsWith("{\"type\":")) {
          throw new AssertionError("stdout line does not start with {\"type\": " + line);
        }
        JsonNode message;
        try {
          message = JSON.readTree(line);
        } catch (IOException e) {
          throw new AssertionError("stdout line is not JSON: " + line, e);
        }
        ProtocolSchema.assertValid(message);
        messages.add(message);
      }
      if (stdout.contains("\n\n")) {
        throw new AssertionError("stdout has an empty line");
      }
    }
    return new Run(exitCode, stdout, List.copyOf(messages));
  }

  public List<JsonNode> ofType(String type) {
    return messages.stream().filter(m -> m.path("type").asText().equals(type))
        .collect(Collectors.toList());
  }

  public List<JsonNode> records() {
    return ofType("RECORD").stream().map(m -> m.get("record").get("data"))
        .collect(Collectors.toList());
  }

  public List<JsonNode> states() {
    return ofType("STATE");
  }

  public JsonNode lastStreamState() {
    List<JsonNode> states = states();
    return states.get(states.size() - 1).path("state").path("stream").path("stream_state");
  }

  /** The state file the platform would pass to the next read: an array of the last state. */
  public String nextStateFile() {
    List<JsonNode> states = states();
    return "[" + states.get(states.size() - 1).get("state").toString() + "]";
  }

  public List<String> logs() {
    return ofType("LOG").stream().map(m -> m.get("log").get("message").asText())
        .collect(Collectors.toList());
  }

  public List<String> streamStatuses() {
    return ofType("TRACE").stream()
        .filter(m -> m.get("trace").get("type").asText().equals("STREAM_STATUS"))
        .map(m -> m.get("trace").get("stream_status").get("status").asText())
        .collect(Collectors.toList());
  }

  public JsonNode error() {
    List<JsonNode> errors = ofType("TRACE").stream()
        .filter(m -> m.get("trace").get("type").asText().equals("ERROR"))
        .collect(Collectors.toList());
    assertEquals(1, errors.size(), "expected exactly one TRACE ERROR in\n" + stdout);
    return errors.get(0).get("trace").get("error");
  }

  /** "AAPL 2024-03-11" for each record, in order. */
  public List<String> recordKeys() {
    return records().stream()
        .map(r -> r.get("stock_ticker").asText() + " " + r.get("date").asText())
        .collect(Collectors.toList());
  }

  public JsonNode only(String type) {
    List<JsonNode> found = ofType(type);
    assertEquals(1, found.size(), "expected exactly one " + type + " in\n" + stdout);
    assertEquals(1, messages.size(), "expected nothing but one " + type + " in\n" + stdout);
    return found.get(0);
  }

  private static String tail(String text) {
    return text.length() > 200 ? text.substring(text.length() - 200) : text;
  }

  static void rethrow(IOException e) {
    throw new UncheckedIOException(e);
  }
}
