package dev.stockticker.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code acceptance-test-config.yml} as CAT reads it: its pydantic models forbid unknown keys, so
 * a typo or a key from an older CAT (e.g. expect_records.extra_fields) stops the whole run. The
 * key sets below are those of CAT's {@code connector_acceptance_test/config.py}.
 */
final class CatConfig {
  /** The sections this suite runs, in CAT's order. */
  static final List<String> SECTIONS =
      List.of("spec", "connection", "discovery", "basic_read", "full_refresh", "incremental");

  private static final Set<String> TOP =
      Set.of("connector_image", "acceptance_tests", "base_path", "test_strictness_level",
          "custom_environment_variables");
  private static final Set<String> ALL_SECTIONS = Set.of("spec", "connection", "discovery",
      "basic_read", "full_refresh", "incremental", "connector_attributes",
      "connector_documentation");
  private static final Map<String, Set<String>> TEST_KEYS = Map.of(
      "spec", Set.of("spec_path", "config_path", "timeout_seconds", "deployment_mode",
          "backward_compatibility_tests_config", "auth_default_method"),
      "connection", Set.of("config_path", "status", "timeout_seconds", "deployment_mode"),
      "discovery", Set.of("config_path", "timeout_seconds", "deployment_mode",
          "backward_compatibility_tests_config", "validate_primary_keys_data_type"),
      "basic_read", Set.of("config_path", "deployment_mode", "configured_catalog_path",
          "empty_streams", "expect_records", "validate_schema", "validate_stream_statuses",
          "validate_state_messages", "validate_primary_keys_data_type", "fail_on_extra_columns",
          "validate_data_points", "expect_trace_message_on_failure", "timeout_seconds",
          "file_types", "client_container_config"),
      "full_refresh", Set.of("config_path", "configured_catalog_path", "timeout_seconds",
          "deployment_mode", "ignored_fields", "client_container_config"),
      "incremental", Set.of("config_path", "configured_catalog_path", "future_state",
          "timeout_seconds", "deployment_mode", "skip_comprehensive_incremental_tests",
          "client_container_config"),
      "connector_attributes", Set.of("timeout_seconds", "config_path",
          "streams_without_primary_key", "allowed_hosts", "suggested_streams"),
      "connector_documentation", Set.of("timeout_seconds", "config_path"));
  private static final Set<String> EXPECT_RECORDS = Set.of("bypass_reason", "path", "exact_order");
  private static final Set<String> FUTURE_STATE =
      Set.of("future_state_path", "missing_streams", "bypass_reason", "cursor_format");
  private static final Set<String> BOOLEANS = Set.of("validate_primary_keys_data_type",
      "validate_schema", "validate_stream_statuses", "validate_state_messages",
      "fail_on_extra_columns", "validate_data_points", "expect_trace_message_on_failure",
      "skip_comprehensive_incremental_tests", "exact_order");

  final Path root;
  final JsonNode top;

  private CatConfig(Path root, JsonNode top) {
    this.root = root;
    this.top = top;
  }

  /** Reads the file, migrating CAT's legacy layout (top-level {@code tests:}) as CAT does. */
  static CatConfig load(Path file) throws IOException {
    JsonNode top = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    if (top == null || !top.isObject()) {
      throw new AssertionError(file + " is not a YAML mapping");
    }
    if (top.has("tests")) {
      ObjectNode migrated = ((ObjectNode) top).deepCopy();
      ObjectNode tests = migrated.putObject("acceptance_tests");
      top.get("tests").fields().forEachRemaining(e -> tests.putObject(e.getKey())
          .set("tests", e.getValue()));
      migrated.remove("tests");
      top = migrated;
    }
    return new CatConfig(file.getParent(), top);
  }

  /** The base folder of relative paths (CAT's base_path, default the file's folder). */
  Path base() {
    JsonNode basePath = top.get("base_path");
    return basePath == null || basePath.isNull() ? root : root.resolve(basePath.asText());
  }

  String strictness() {
    return top.path("test_strictness_level").asText("low");
  }

  JsonNode section(String name) {
    return top.path("acceptance_tests").path(name);
  }

  /** The test entries of a section (empty when absent or bypassed). */
  List<JsonNode> tests(String name) {
    List<JsonNode> tests = new ArrayList<>();
    section(name).path("tests").forEach(tests::add);
    return tests;
  }

  /** Everything CAT's models would reject, plus referenced files that do not exist. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    unknownKeys(top, TOP, "", problems);
    if (!top.path("connector_image").isTextual()) {
      problems.add("connector_image is missing");
    }
    String level = strictness();
    if (!level.equals("low") && !level.equals("high")) {
      problems.add("test_strictness_level must be low or high, not " + level);
    }
    JsonNode sections = top.path("acceptance_tests");
    if (!sections.isObject()) {
      problems.add("acceptance_tests is missing");
      return problems;
    }
    unknownKeys(sections, ALL_SECTIONS, "acceptance_tests.", problems);
    for (Iterator<Map.Entry<String, JsonNode>> it = sections.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String at = "acceptance_tests." + name;
      JsonNode section = e.getValue();
      if (!TEST_KEYS.containsKey(name)) {
        continue;
      }
      if (!section.isObject()) {
        problems.add(at + " must be a mapping with tests: or bypass_reason:");
        continue;
      }
      unknownKeys(section, Set.of("tests", "bypass_reason"), at + ".", problems);
      if (section.has("tests") && !section.path("tests").isNull()
          && section.hasNonNull("bypass_reason")) {
        problems.add(at + ": you can't set a bypass_reason if tests are set");
      }
      JsonNode tests = section.path("tests");
      if (!tests.isMissingNode() && !tests.isNull() && !tests.isArray()) {
        problems.add(at + ".tests must be a list");
        continue;
      }
      for (int i = 0; i < tests.size(); i++) {
        entryProblems(name, tests.get(i), at + ".tests[" + i + "]", problems);
      }
    }
    return problems;
  }

  private void entryProblems(String section, JsonNode test, String at, List<String> problems) {
    if (!test.isObject()) {
      problems.add(at + " must be a mapping");
      return;
    }
    unknownKeys(test, TEST_KEYS.get(section), at + ".", problems);
    for (String key : BOOLEANS) {
      JsonNode value = test.get(key);
      if (value != null && !value.isNull() && bool(value) == null) {
        problems.add(at + "." + key + " must be true or false, not " + value);
      }
    }
    if (test.has("status")) {
      String status = test.path("status").asText();
      if (!Set.of("succeed", "failed", "exception").contains(status)) {
        problems.add(at + ".status must be succeed, failed or exception, not " + status);
      }
    }
    if (TEST_KEYS.get(section).contains("config_path")) {
      String config = test.path("config_path").asText("secrets/config.json");
      if (resolveConfig(config) == null) {
        problems.add(at + ".config_path " + config + ": neither it nor " + example(config)
            + " exists");
      }
    }
    fileProblem(test.get("spec_path"), at + ".spec_path", problems);
    fileProblem(test.get("configured_catalog_path"), at + ".configured_catalog_path", problems);
    JsonNode expect = test.get("expect_records");
    if (expect != null && !expect.isNull()) {
      unknownKeys(expect, EXPECT_RECORDS, at + ".expect_records.", problems);
      boolean path = expect.hasNonNull("path");
      boolean bypass = expect.hasNonNull("bypass_reason");
      if (path == bypass) {
        problems.add(at + ".expect_records needs exactly one of path and bypass_reason");
      }
      fileProblem(expect.get("path"), at + ".expect_records.path", problems);
      JsonNode order = expect.get("exact_order");
      if (order != null && !order.isNull() && bool(order) == null) {
        problems.add(at + ".expect_records.exact_order must be true or false, not " + order);
      }
    }
    JsonNode future = test.get("future_state");
    if (future != null && !future.isNull()) {
      unknownKeys(future, FUTURE_STATE, at + ".future_state.", problems);
      fileProblem(future.get("future_state_path"), at + ".future_state.future_state_path",
          problems);
    }
  }

  private void fileProblem(JsonNode path, String at, List<String> problems) {
    if (path != null && !path.isNull() && !Files.isRegularFile(base().resolve(path.asText()))) {
      problems.add(at + ": " + path.asText() + " does not exist");
    }
  }

  private static void unknownKeys(JsonNode node, Set<String> allowed, String at,
      List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add(at + name + " is not a key CAT accepts (allowed: " + new java.util.TreeSet<>(
            allowed) + ")");
      }
    }
  }

  /** The real config file if present, else its committed example; null if neither exists. */
  Path resolveConfig(String configPath) {
    Path real = base().resolve(configPath);
    if (Files.isRegularFile(real)) {
      return real;
    }
    Path example = base().resolve(example(configPath));
    return Files.isRegularFile(example) ? example : null;
  }

  static String example(String configPath) {
    return configPath.endsWith(".json")
        ? configPath.substring(0, configPath.length() - ".json".length()) + ".example.json"
        : configPath + ".example";
  }

  /** A YAML boolean as PyYAML reads it (true/false, yes/no, on/off); null if not one. */
  static Boolean bool(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      switch (value.asText().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on", "y":
          return true;
        case "false", "no", "off", "n":
          return false;
        default:
          return null;
      }
    }
    return null;
  }

  static boolean bool(JsonNode test, String key, boolean fallback) {
    JsonNode value = test.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    Boolean parsed = bool(value);
    return parsed == null ? fallback : parsed;
  }

  static String text(JsonNode test, String key, String fallback) {
    JsonNode value = test.get(key);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** A short label of a test entry for reports: its config and catalog. */
  static String label(JsonNode test) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String key : List.of("spec_path", "config_path", "status", "configured_catalog_path")) {
      if (test.hasNonNull(key)) {
        parts.put(key, test.get(key).asText());
      }
    }
    StringBuilder text = new StringBuilder();
    parts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(v));
    return text.toString();
  }
}
