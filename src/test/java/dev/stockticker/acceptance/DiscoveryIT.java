package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.bool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.TestAbortedException;

/**
 * CAT's discovery tests (test_core.py, TestDiscovery): the one CATALOG message {@code discover}
 * prints, with schemas the platform and the destinations can use: valid draft-07, no unresolved
 * $ref, cursors and primary keys that exist in the schema and are scalar.
 */
class DiscoveryIT extends AcceptanceSection {
  DiscoveryIT() {
    super("discovery");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    Lazy<Map<String, JsonNode>> catalog = e.discovered();
    List<DynamicNode> checks = new ArrayList<>();
    checks.add(e.check("test_discover", () ->
        "1 CATALOG, streams " + catalog.get().keySet()));
    checks.add(e.check("test_streams_have_valid_json_schemas", () -> {
      for (JsonNode stream : catalog.get().values()) {
        List<String> problems = Schemas.draft7Problems(stream.path("json_schema"));
        if (!problems.isEmpty()) {
          throw new AssertionError("the json_schema of " + stream.path("name").asText()
              + " is not a valid draft-07 schema: " + problems);
        }
      }
      return "draft-07 valid";
    }));
    checks.add(e.check("test_defined_cursors_exist_in_schema", () -> {
      List<String> found = new ArrayList<>();
      for (JsonNode stream : catalog.get().values()) {
        List<String> cursor = strings(stream.path("default_cursor_field"));
        if (cursor.isEmpty()) {
          continue;
        }
        if (!stream.path("json_schema").has("properties")) {
          throw new AssertionError("Top level item should have an 'object' type for "
              + stream.path("name").asText() + " stream schema");
        }
        if (Schemas.fieldSchema(stream.path("json_schema"), cursor) == null) {
          throw new AssertionError("Some of defined cursor fields " + cursor + " are not "
              + "specified in discover schema properties for " + stream.path("name").asText()
              + " stream");
        }
        found.add(stream.path("name").asText() + " " + cursor);
      }
      return "default_cursor_field: " + found;
    }));
    checks.add(e.check("test_defined_refs_exist_in_schema", () -> {
      for (JsonNode stream : catalog.get().values()) {
        List<JsonNode> refs = Schemas.findAllValues(stream.path("json_schema"), "$ref");
        if (!refs.isEmpty()) {
          throw new AssertionError("Found unresolved `$refs` values for "
              + stream.path("name").asText() + ": " + refs);
        }
      }
      return "no $ref";
    }));
    checks.add(e.check("test_defined_keyword_exist_in_schema", () -> {
      for (String keyword : List.of("allOf", "not")) {
        for (JsonNode stream : catalog.get().values()) {
          if (Schemas.usesKeyword(stream.path("json_schema"), keyword)) {
            throw new AssertionError("Found not allowed `" + keyword + "` keyword for "
                + stream.path("name").asText());
          }
        }
      }
      return "no allOf, no not";
    }));
    checks.add(e.check("test_primary_keys_exist_in_schema", () -> {
      List<String> found = new ArrayList<>();
      for (JsonNode stream : catalog.get().values()) {
        for (JsonNode pk : stream.path("source_defined_primary_key")) {
          if (Schemas.fieldSchema(stream.path("json_schema"), strings(pk)) == null) {
            throw new AssertionError("One of the PKs (" + pk + ") is not specified in discover "
                + "schema for " + stream.path("name").asText() + " stream");
          }
          found.add(pk.toString());
        }
      }
      return "primary key " + found;
    }));
    checks.add(e.check("test_streams_has_sync_modes", () -> {
      List<String> modes = new ArrayList<>();
      for (JsonNode stream : catalog.get().values()) {
        JsonNode supported = stream.path("supported_sync_modes");
        if (!supported.isArray() || supported.isEmpty()) {
          throw new AssertionError("supported_sync_modes list on stream "
              + stream.path("name").asText() + " should not be empty");
        }
        modes.add(stream.path("name").asText() + " " + supported);
      }
      return String.join(", ", modes);
    }));
    checks.add(e.check("test_additional_properties_is_true", () -> {
      int count = 0;
      for (JsonNode stream : catalog.get().values()) {
        Schemas.additionalPropertiesTrue(stream.path("json_schema"), stream.path("name").asText());
        count += Schemas.findAllValues(stream.path("json_schema"), "additionalProperties").size();
      }
      return count + " additionalProperties, all true";
    }));
    checks.add(e.check("test_primary_keys_data_type", () -> {
      if (!bool(e.test, "validate_primary_keys_data_type", true)) {
        throw new TestAbortedException("validate_primary_keys_data_type is false");
      }
      List<String> errors = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (JsonNode stream : catalog.get().values()) {
        for (JsonNode pk : stream.path("source_defined_primary_key")) {
          JsonNode definition = Schemas.fieldSchema(stream.path("json_schema"), strings(pk));
          if (definition == null) {
            errors.add("Stream " + stream.path("name").asText() + " does not have defined "
                + "primary key in schema");
            continue;
          }
          Set<String> type = Schemas.types(definition);
          if (type.contains("object") || type.contains("array")) {
            errors.add("Stream " + stream.path("name").asText() + " contains primary key with "
                + "forbidden type of " + type);
          }
          types.add(pk + " " + type);
        }
      }
      if (!errors.isEmpty()) {
        throw new AssertionError(String.join("\n", errors));
      }
      return String.join(", ", types);
    }));
    return checks;
  }
}
