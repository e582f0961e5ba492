package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.AcceptanceSection.NODES;
import static dev.stockticker.acceptance.AcceptanceSection.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the read sections do with a configured catalog, in one place so that basic_read,
 * full_refresh and incremental send the connector the very catalogs CAT's conftest.py would: a
 * catalog that differed could let a mode the connector mishandles pass here and fail in Docker.
 */
final class Catalogs {
  private Catalogs() {}

  /** CAT's full_refresh_only_catalog / incremental_only_catalog. */
  static JsonNode onlyMode(JsonNode catalog, String mode) {
    ObjectNode result = NODES.objectNode();
    ArrayNode streams = result.putArray("streams");
    for (JsonNode configured : catalog.path("streams")) {
      if (strings(configured.path("stream").path("supported_sync_modes")).contains(mode)) {
        ObjectNode copy = configured.deepCopy();
        copy.put("sync_mode", mode);
        if (mode.equals("incremental") && strings(copy.path("cursor_field")).isEmpty()) {
          JsonNode fallback = copy.path("stream").path("default_cursor_field");
          if (strings(fallback).isEmpty()) {
            throw new AssertionError("All incremental streams should either have `cursor_field`"
                + " declared in the configured_catalog or `default_cursor_field` specified in the"
                + " catalog output by discover. Stream " + copy.path("stream").path("name")
                + " does not have either property defined.");
          }
          copy.set("cursor_field", fallback);
        }
        streams.add(copy);
      }
    }
    return result;
  }

  static Map<String, JsonNode> configuredByName(JsonNode catalog) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    catalog.path("streams").forEach(s -> byName.put(s.path("stream").path("name").asText(), s));
    return byName;
  }
}
