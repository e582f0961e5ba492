package dev.stockticker.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns whatever arrives in {@code --state} into one state object per stream name.
 *
 * <p>Accepted, because each is seen in practice: the platform's array of per-stream state
 * messages, a single state message (bare or wrapped as {@code {"type":"STATE","state":...}}), a
 * LEGACY message {@code {"data":{...}}}, a GLOBAL message, {@code []}, {@code {}}, an empty file,
 * and the tutorial's hand-written {@code {"stock_prices":{"date":"2022-03-11"}}}.
 */
public final class StateInput {
  private StateInput() {}

  public static Map<String, JsonNode> streamStates(JsonNode root, String file) {
    Map<String, JsonNode> states = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return states;
    }
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        addMessage(root.get(i), file, "[" + i + "]", states);
      }
      return states;
    }
    if (!root.isObject()) {
      throw invalid(file, "the top level", "a JSON array of state messages or an object", root);
    }
    if (looksLikeMessage(root)) {
      addMessage(root, file, "the top level", states);
    } else {
      addLegacyData(root, file, "the top level", states);
    }
    return states;
  }

  private static boolean looksLikeMessage(JsonNode node) {
    return node.has("type") || node.has("stream") || node.has("global") || node.has("data")
        || node.has("state");
  }

  private static void addMessage(JsonNode message, String file, String at,
      Map<String, JsonNode> states) {
    if (!message.isObject()) {
      throw invalid(file, at, "a state message object", message);
    }
    JsonNode type = message.get("type");
    if (type != null && "STATE".equals(type.asText()) && message.has("state")) {
      addMessage(message.get("state"), file, at + ".state", states);
      return;
    }
    String kind = type == null ? (message.has("stream") ? "STREAM" : "LEGACY") : type.asText();
    switch (kind) {
      case "STREAM" -> addStream(message.get("stream"), file, at + ".stream", states);
      case "GLOBAL" -> {
        JsonNode global = message.get("global");
        JsonNode streamStates = global == null ? null : global.get("stream_states");
        if (streamStates == null || !streamStates.isArray()) {
          throw invalid(file, at + ".global.stream_states", "an array of stream states",
              streamStates);
        }
        for (int i = 0; i < streamStates.size(); i++) {
          addStream(streamStates.get(i), file, at + ".global.stream_states[" + i + "]", states);
        }
      }
      case "LEGACY" -> {
        JsonNode data = message.get("data");
        if (data != null && !data.isNull()) {
          addLegacyData(data, file, at + ".data", states);
        }
      }
      default -> throw invalid(file, at + ".type", "\"STREAM\", \"GLOBAL\" or \"LEGACY\"", type);
    }
  }

  private static void addStream(JsonNode stream, String file, String at,
      Map<String, JsonNode> states) {
    if (stream == null || !stream.isObject()) {
      throw invalid(file, at, "an object with stream_descriptor and stream_state", stream);
    }
    JsonNode name = stream.path("stream_descriptor").get("name");
    if (name == null || !name.isTextual()) {
      throw invalid(file, at + ".stream_descriptor.name", "a stream name", name);
    }
    JsonNode state = stream.get("stream_state");
    if (state == null || state.isNull()) {
      return;
    }
    if (!state.isObject()) {
      throw invalid(file, at + ".stream_state", "an object", state);
    }
    states.put(name.asText(), state);
  }

  private static void addLegacyData(JsonNode data, String file, String at,
      Map<String, JsonNode> states) {
    if (!data.isObject()) {
      throw invalid(file, at, "an object of stream name to state", data);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (entry.getValue().isNull()) {
        continue;
      }
      if (!entry.getValue().isObject()) {
        throw invalid(file, at + "." + entry.getKey(), "an object", entry.getValue());
      }
      states.put(entry.getKey(), entry.getValue());
    }
  }

  private static InvalidInputException invalid(String file, String field, String expected,
      JsonNode got) {
    return new InvalidInputException(
        String.format(
            "The state file %s has an invalid %s: expected %s, got %s.",
            file, field, expected, ConfiguredCatalog.describe(got)));
  }
}
