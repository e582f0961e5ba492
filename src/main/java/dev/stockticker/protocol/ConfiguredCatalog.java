package dev.stockticker.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The streams the platform asked {@code read} for, with their sync modes. */
public record ConfiguredCatalog(List<ConfiguredStream> streams) {

  public record ConfiguredStream(String name, SyncMode syncMode) {}

  public ConfiguredCatalog {
    streams = List.copyOf(streams);
  }

  /** Parses a ConfiguredAirbyteCatalog; {@code file} names the file in errors. */
  public static ConfiguredCatalog parse(JsonNode root, String file) {
    if (!root.isObject()) {
      throw invalid(file, "the top level", "a JSON object with a \"streams\" array", root);
    }
    JsonNode streams = root.get("streams");
    if (streams == null || !streams.isArray()) {
      throw invalid(file, "streams", "an array of configured streams", streams);
    }
    List<ConfiguredStream> parsed = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      String at = "streams[" + i + "]";
      JsonNode configured = streams.get(i);
      if (!configured.isObject()) {
        throw invalid(file, at, "an object with \"stream\" and \"sync_mode\"", configured);
      }
      JsonNode stream = configured.get("stream");
      if (stream == null || !stream.isObject()) {
        throw invalid(file, at + ".stream", "an object with a \"name\"", stream);
      }
      JsonNode name = stream.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw invalid(file, at + ".stream.name", "a stream name", name);
      }
      JsonNode modeNode = configured.get("sync_mode");
      SyncMode mode =
          modeNode == null ? SyncMode.FULL_REFRESH // the protocol's default
              : modeNode.isTextual() ? SyncMode.fromWire(modeNode.asText()) : null;
      if (mode == null) {
        throw invalid(file, at + ".sync_mode", "\"full_refresh\" or \"incremental\"", modeNode);
      }
      parsed.add(new ConfiguredStream(name.asText(), mode));
    }
    return new ConfiguredCatalog(parsed);
  }

  static InvalidInputException invalid(String file, String field, String expected, JsonNode got) {
    return new InvalidInputException(
        String.format(
            "The catalog file %s has an invalid %s: expected %s, got %s.",
            file, field, expected, describe(got)));
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
