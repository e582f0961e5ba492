package dev.stockticker.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** JSON-schema helpers mirroring what CAT does with jsonschema and dpath, in Java. */
final class Schemas {
  private static final JsonSchemaFactory DRAFT7 =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
  private static final JsonSchema META = DRAFT7.getSchema(SchemaLocation.of(SchemaId.V7));

  private Schemas() {}

  /**
   * Problems that make {@code schema} an invalid draft-07 schema: violations of the draft-07
   * meta-schema (as jsonschema's {@code Draft7Validator.check_schema}), or a schema that cannot be
   * compiled (e.g. a bad regex pattern). Empty when valid.
   */
  static List<String> draft7Problems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : META.validate(schema)) {
      problems.add(m.getMessage());
    }
    if (problems.isEmpty()) {
      try {
        compile(schema, false).initializeValidators();
      } catch (RuntimeException e) {
        problems.add("cannot be compiled: " + e.getMessage());
      }
    }
    return problems;
  }

  static JsonSchema compile(JsonNode schema, boolean formats) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(formats).build();
    return DRAFT7.getSchema(schema, config);
  }

  static List<String> validate(JsonSchema schema, JsonNode instance) {
    Set<ValidationMessage> messages = schema.validate(instance);
    return messages.stream().map(ValidationMessage::getMessage).sorted()
        .collect(Collectors.toList());
  }

  /** Every value of {@code key} anywhere in {@code node} (CAT's find_all_values_for_key_in_schema). */
  static List<JsonNode> findAllValues(JsonNode node, String key) {
    List<JsonNode> found = new ArrayList<>();
    collectValues(node, key, found);
    return found;
  }

  private static void collectValues(JsonNode node, String key, List<JsonNode> found) {
    if (node.isArray()) {
      node.forEach(item -> collectValues(item, key, found));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(key)) {
          found.add(e.getValue());
        }
        if (e.getValue().isContainerNode()) {
          collectValues(e.getValue(), key, found);
        }
      }
    }
  }

  /**
   * Whether {@code keyword} is used as a schema keyword, not counting properties that merely have
   * that name (CAT's find_keyword_schema).
   */
  static boolean usesKeyword(JsonNode schema, String keyword) {
    return usesKeyword(schema, keyword, false);
  }

  private static boolean usesKeyword(JsonNode node, String keyword, boolean propertyNames) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (usesKeyword(item, keyword, false)) {
          return true;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(keyword) && !propertyNames) {
          return true;
        }
        boolean childNames = e.getKey().equals("properties")
            && "object".equals(node.path("type").asText());
        if (usesKeyword(e.getValue(), keyword, childNames)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * JSON-pointer-like paths of every use of {@code keyword} whose parent segment is not {@code
   * properties} (CAT's test_forbidden_complex_types: dpath "**&#47;KEY" minus "**&#47;properties/KEY").
   */
  static List<String> keywordPaths(JsonNode node, String keyword) {
    List<String> found = new ArrayList<>();
    keywordPaths(node, keyword, "", "", found);
    return found;
  }

  private static void keywordPaths(JsonNode node, String keyword, String path, String parent,
      List<String> found) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        keywordPaths(node.get(i), keyword, path + "/" + i, String.valueOf(i), found);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path + "/" + e.getKey();
        if (e.getKey().equals(keyword) && !parent.equals("properties")) {
          found.add(child);
        }
        keywordPaths(e.getValue(), keyword, child, e.getKey(), found);
      }
    }
  }

  /**
   * The schema of the field at {@code path} (e.g. ["date"] or ["a","b"]) under {@code
   * properties}, as dpath finds "a/properties/b" in schema["properties"]; null when absent.
   */
  static JsonNode fieldSchema(JsonNode schema, List<String> path) {
    JsonNode node = schema;
    for (String part : path) {
      JsonNode properties = node.get("properties");
      if (properties == null || !properties.isObject() || !properties.has(part)) {
        return null;
      }
      node = properties.get(part);
    }
    return node;
  }

  /** The types a property schema allows ("type" as a string or a list). */
  static Set<String> types(JsonNode propertySchema) {
    JsonNode type = propertySchema.path("type");
    if (type.isTextual()) {
      return Set.of(type.asText());
    }
    Set<String> types = new java.util.TreeSet<>();
    type.forEach(t -> types.add(t.asText()));
    return types;
  }

  /** The value at {@code path} in {@code data}, or null when a part is missing. */
  static JsonNode value(JsonNode data, List<String> path) {
    JsonNode node = data;
    for (String part : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  /** A copy of {@code schema} with top-level additionalProperties false (CAT's fail_on_extra_columns). */
  static JsonNode withoutExtraColumns(JsonNode schema) {
    ObjectNode copy = schema.deepCopy();
    copy.put("additionalProperties", false);
    return copy;
  }

  /**
   * Values declared "integer" (without "number") that are not JSON integers, e.g. 5.0: CAT treats
   * integers the Python way, where JSON Schema's draft 7 would accept 5.0.
   */
  static List<String> nonIntegers(JsonNode schema, JsonNode data, String at) {
    List<String> problems = new ArrayList<>();
    JsonNode properties = schema.path("properties");
    if (!properties.isObject() || !data.isObject()) {
      return problems;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = data.get(e.getKey());
      if (value == null || value.isNull()) {
        continue;
      }
      Set<String> types = types(e.getValue());
      if (types.contains("integer") && !types.contains("number") && value.isNumber()
          && !value.isIntegralNumber()) {
        problems.add(at + e.getKey() + " is declared integer but is " + value);
      }
      if (value.isObject()) {
        problems.addAll(nonIntegers(e.getValue(), value, at + e.getKey() + "."));
      }
    }
    return problems;
  }

  /** Paths of every property in a schema: "/a", "/a/b" (CAT's get_expected_schema_structure, simplified). */
  static Set<String> schemaPaths(JsonNode schema, String prefix) {
    Set<String> paths = new java.util.TreeSet<>();
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      paths.add(prefix + "/" + e.getKey());
      paths.addAll(schemaPaths(e.getValue(), prefix + "/" + e.getKey()));
    }
    return paths;
  }

  /** Paths of every field of a record (CAT's get_object_structure, simplified). */
  static Set<String> objectPaths(JsonNode data, String prefix) {
    Set<String> paths = new java.util.TreeSet<>();
    if (data.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        paths.add(prefix + "/" + e.getKey());
        paths.addAll(objectPaths(e.getValue(), prefix + "/" + e.getKey()));
      }
    }
    return paths;
  }

  /**
   * CAT's test_additional_properties_is_true, for the spec and for each stream schema: a false
   * additionalProperties would make records with new fields invalid after a connector update.
   */
  static String additionalPropertiesTrue(JsonNode schema, String what) {
    List<JsonNode> values = findAllValues(schema, "additionalProperties");
    for (JsonNode value : values) {
      if (!value.isBoolean() || !value.booleanValue()) {
        throw new AssertionError("When set, additionalProperties field value must be true for "
            + "backward compatibility; " + what + " has " + value);
      }
    }
    return values.size() + " additionalProperties, all true";
  }
}
