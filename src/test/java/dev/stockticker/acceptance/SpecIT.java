package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.TestAbortedException;

/**
 * CAT's spec tests (test_core.py, TestSpec): the one SPEC message the connector prints, compared
 * with the committed spec.json and held to the rules CAT sets for connection specifications, so
 * that the form the platform builds from it works and keeps the API key secret.
 */
class SpecIT extends AcceptanceSection {
  /** CAT's secret_property_names. */
  private static final Set<String> SECRET_NAMES = Set.of("client_token", "access_token",
      "api_token", "token", "secret", "client_secret", "password", "key",
      "service_account_info", "service_account", "tenant_id", "certificate", "jwt",
      "credentials", "app_id", "appid", "refresh_token");
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of("anyOf", "oneOf", "allOf", "not", "properties", "items", "type", "prefixItems");
  private static final List<String> FORBIDDEN_SPEC_KEYWORDS = List.of("not", "anyOf",
      "patternProperties", "prefixItems", "allOf", "if", "then", "else", "dependentSchemas",
      "dependentRequired");

  SpecIT() {
    super("spec");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    String specPath = text(e.test, "spec_path", "secrets/spec.json");
    Lazy<JsonNode> spec = new Lazy<>(() -> {
      Output output = e.run(new Secrets(List.of()), "spec");
      if (output.exitCode() != 0) {
        throw new AssertionError("spec failed" + output.diagnostics());
      }
      return output.only("SPEC", "Spec").get("spec");
    });
    Supplier<JsonNode> connectionSpec = () -> {
      JsonNode cs = spec.get().get("connectionSpecification");
      if (cs == null || !cs.isObject()) {
        throw new AssertionError("the SPEC has no connectionSpecification object");
      }
      return cs;
    };
    List<DynamicNode> checks = new ArrayList<>();
    checks.add(e.check("spec_message_emitted_once", () -> {
      spec.get();
      return "1 SPEC, exit 0";
    }));
    checks.add(e.check("test_match_expected", () -> {
      Path file = e.path(specPath);
      if (!Files.isRegularFile(file)) {
        throw new TestAbortedException(specPath + " does not exist (CAT skips the comparison)");
      }
      JsonNode expected = ConnectorProcess.JSON.readTree(Files.readString(file));
      String difference = firstDifference(expected, spec.get(), "");
      if (difference != null) {
        throw new AssertionError("Spec should be equal to the one in " + specPath + "; first "
            + "difference at " + difference);
      }
      return "equals " + specPath;
    }));
    checks.add(e.check("connection_specification_is_draft7", () -> {
      List<String> problems = Schemas.draft7Problems(connectionSpec.get());
      if (!problems.isEmpty()) {
        throw new AssertionError("Spec is invalid (not a draft-07 JSON schema): " + problems);
      }
      return "valid against the draft-07 meta-schema";
    }));
    checks.add(e.check("test_config_match_spec", () -> {
      Config config = e.config(false);
      JsonSchema schema = Schemas.compile(connectionSpec.get(), false);
      List<String> notes = new ArrayList<>();
      for (Map.Entry<String, JsonNode> candidate : Map.of(config.shown(), config.original(),
          config.shown() + " rewritten for the sandbox", config.sandboxed()).entrySet()) {
        ObjectNode data = candidate.getValue().deepCopy();
        data.remove(data.properties().stream().map(Map.Entry::getKey)
            .filter(k -> k.startsWith("_")).collect(Collectors.toList()));
        List<String> errors = Schemas.validate(schema, data);
        if (!errors.isEmpty()) {
          throw new AssertionError("Config invalid: " + candidate.getKey() + ": " + errors);
        }
        notes.add(candidate.getKey());
      }
      return "valid: " + String.join(" and ", new java.util.TreeSet<>(notes));
    }));
    checks.add(e.check("test_forbidden_complex_types", () -> {
      List<String> found = new ArrayList<>();
      for (String keyword : FORBIDDEN_SPEC_KEYWORDS) {
        found.addAll(Schemas.keywordPaths(connectionSpec.get(), keyword));
      }
      if (!found.isEmpty()) {
        throw new AssertionError("Found the following disallowed JSON schema features: "
            + found);
      }
      return "none of " + FORBIDDEN_SPEC_KEYWORDS;
    }));
    checks.add(e.check("test_defined_refs_exist_in_json_spec_file", () -> {
      List<JsonNode> refs = Schemas.findAllValues(spec.get(), "$ref");
      if (!refs.isEmpty()) {
        throw new AssertionError("Found unresolved `$refs` value in the spec: " + refs);
      }
      return "no $ref";
    }));
    checks.add(e.check("test_additional_properties_is_true", () ->
        Schemas.additionalPropertiesTrue(connectionSpec.get(), "the spec")));
    checks.add(e.check("test_secret_is_properly_marked", () ->
        secretsMarked(connectionSpec.get())));
    checks.add(e.check("test_property_type_is_not_array", () -> {
      List<String> errors = new ArrayList<>();
      propertyTypes(connectionSpec.get(), "", errors);
      if (!errors.isEmpty()) {
        throw new AssertionError(String.join("\n", errors));
      }
      return "every type is one type, or one type plus null";
    }));
    checks.add(e.check("test_duplicate_order", () -> {
      List<String> errors = new ArrayList<>();
      duplicateOrders(connectionSpec.get(), "", errors);
      if (!errors.isEmpty()) {
        throw new AssertionError(String.join("\n", errors));
      }
      return "no two fields share an order";
    }));
    return checks;
  }

  /**
   * CAT's test_secret_is_properly_marked, plus: a property whose name contains key, token, secret,
   * password or credential counts as secret too (CAT's list has "key" but not "api_key"), and the
   * spec must have at least one secret.
   */
  private static String secretsMarked(JsonNode connectionSpec) {
    List<String> exposed = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    walkTypes(connectionSpec.path("properties"), new ArrayList<>(), (path, definition) -> {
      String name = null;
      for (int i = path.size() - 1; i >= 0; i--) {
        String part = path.get(i);
        if (!part.chars().allMatch(Character::isDigit) && !SCHEMA_KEYWORDS.contains(part)) {
          name = part;
          break;
        }
      }
      String shown = "/" + String.join("/", path);
      boolean marked = definition.path("airbyte_secret").asBoolean(false);
      if (marked) {
        secrets.add(shown);
      }
      if (name == null) {
        return;
      }
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      boolean secretName = SECRET_NAMES.contains(lower)
          || lower.matches(".*(key|token|secret|password|credential).*");
      if (!secretName) {
        return;
      }
      Set<String> types = Schemas.types(definition);
      boolean canHold = (types.contains("string") || types.contains("integer")
          || types.contains("number")) && !truthy(definition.get("const"));
      if (marked && !canHold) {
        hidden.add(shown);
      }
      if (!marked && canHold) {
        exposed.add(shown);
      }
    });
    if (!hidden.isEmpty()) {
      throw new AssertionError("Some properties are marked with `airbyte_secret` although they "
          + "cannot hold a secret: " + hidden);
    }
    if (!exposed.isEmpty()) {
      throw new AssertionError("The following properties should be marked with "
          + "`airbyte_secret`: " + exposed);
    }
    if (secrets.isEmpty()) {
      throw new AssertionError("no property is marked airbyte_secret, but the connector takes an"
          + " API key");
    }
    return "airbyte_secret: " + secrets;
  }

  private interface TypeVisitor {
    void visit(List<String> path, JsonNode definition);
  }

  /** Visits every object that has a "type" key (dpath "**&#47;type"), with its path. */
  private static void walkTypes(JsonNode node, List<String> path, TypeVisitor visitor) {
    if (node.isObject()) {
      if (node.has("type")) {
        visitor.visit(path, node);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> child = it.next();
        List<String> childPath = new ArrayList<>(path);
        childPath.add(child.getKey());
        walkTypes(child.getValue(), childPath, visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<String> childPath = new ArrayList<>(path);
        childPath.add(String.valueOf(i));
        walkTypes(node.get(i), childPath, visitor);
      }
    }
  }

  /** CAT's test_property_type_is_not_array: the UI can render one type, or one plus null. */
  private static void propertyTypes(JsonNode node, String at, List<String> errors) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      if (properties != null && properties.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          JsonNode type = p.getValue().path("type");
          String path = at + "/properties/" + p.getKey() + "/type";
          if (type.isArray()) {
            if (type.size() != 1 && type.size() != 2) {
              errors.add(path + " is not either a simple type or a simple type plus null: "
                  + type);
            } else if (type.size() == 2 && !"null".equals(type.get(1).asText())) {
              errors.add("Second type of " + path + " is not null: " + type);
            }
          }
        }
      }
      node.fields().forEachRemaining(c -> propertyTypes(c.getValue(), at + "/" + c.getKey(),
          errors));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        propertyTypes(node.get(i), at + "/" + i, errors);
      }
    }
  }

  /** CAT's test_duplicate_order: fields sharing an order within a group show in random order. */
  private static void duplicateOrders(JsonNode node, String at, List<String> errors) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      if (properties != null && properties.isObject() && "object".equals(node.path("type")
          .asText())) {
        Map<String, Set<String>> used = new HashMap<>();
        properties.fields().forEachRemaining(p -> {
          JsonNode order = p.getValue().get("order");
          if (order == null) {
            return;
          }
          String group = p.getValue().path("group").asText("");
          if (!used.computeIfAbsent(group, g -> new HashSet<>()).add(order.toString())) {
            errors.add(at + "/properties has duplicate order: " + order);
          }
        });
      }
      node.fields().forEachRemaining(c -> duplicateOrders(c.getValue(), at + "/" + c.getKey(),
          errors));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        duplicateOrders(node.get(i), at + "/" + i, errors);
      }
    }
  }

  /** The JSON pointer of the first difference between two documents, or null if equal. */
  private static String firstDifference(JsonNode expected, JsonNode actual, String at) {
    if (expected.equals(actual)) {
      return null;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode a = expected.get(name);
        JsonNode b = actual.get(name);
        if (a == null || b == null) {
          return at + "/" + name + (a == null ? " (only in the output)" : " (missing from the "
              + "output)");
        }
        String inner = firstDifference(a, b, at + "/" + name);
        if (inner != null) {
          return inner;
        }
      }
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        String inner = firstDifference(expected.get(i), actual.get(i), at + "/" + i);
        if (inner != null) {
          return inner;
        }
      }
    }
    return (at.isEmpty() ? "/" : at) + ": expected " + ConnectorProcess.abbreviate(
        expected.toString()) + ", got " + ConnectorProcess.abbreviate(actual.toString());
  }
}
