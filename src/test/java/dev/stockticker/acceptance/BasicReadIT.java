package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.bool;
import static dev.stockticker.acceptance.Catalogs.configuredByName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.TestAbortedException;

/**
 * CAT's basic_read tests (test_core.py, TestBasicRead): one read of the configured catalog, shared
 * by the checks so the jar runs once, whose records must match their schemas, carry usable
 * primary keys and include the expected records the yml names, with stream statuses and STATEs as
 * the platform needs them; and a read of a stream that does not exist must fail with a TRACE
 * ERROR, which is what the platform shows the user.
 */
class BasicReadIT extends AcceptanceSection {
  BasicReadIT() {
    super("basic_read");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    Lazy<Config> config = new Lazy<>(() -> e.config(false));
    Lazy<JsonNode> catalog = e.configuredCatalog();
    Lazy<Output> read = new Lazy<>(() -> e.readOk(config.get(), catalog.get(), null, "read"));
    List<DynamicNode> checks = new ArrayList<>();
    checks.add(e.check("test_read[records]", () -> {
      List<JsonNode> records = read.get().records();
      if (records.isEmpty()) {
        throw new AssertionError("At least one record should be read using provided catalog"
            + read.get().diagnostics());
      }
      Set<String> empty = new HashSet<>();
      e.test.path("empty_streams").forEach(s -> empty.add(s.path("name").asText()));
      Set<String> without = new java.util.TreeSet<>(configuredByName(catalog.get()).keySet());
      records.forEach(r -> without.remove(r.path("stream").asText()));
      without.removeAll(empty);
      if (!without.isEmpty()) {
        throw new AssertionError("All streams should return some records, streams without "
            + "records: " + without);
      }
      return records.size() + " record(s) from " + config.get().shown() + " in "
          + read.get().millis() + " ms";
    }));
    checks.add(e.check("test_read[schema]", () -> {
      if (!bool(e.test, "validate_schema", true)) {
        throw new TestAbortedException("validate_schema is false");
      }
      boolean noExtraColumns = bool(e.test, "fail_on_extra_columns", true);
      return recordsMatchSchema(read.get().records(), catalog.get(), noExtraColumns);
    }));
    checks.add(e.check("test_read[primary_keys_data_type]", () -> {
      if (!bool(e.test, "validate_primary_keys_data_type", true)) {
        throw new TestAbortedException("validate_primary_keys_data_type is false");
      }
      Map<String, JsonNode> streams = configuredByName(catalog.get());
      int checked = 0;
      for (JsonNode record : read.get().records()) {
        JsonNode configured = streams.get(record.path("stream").asText());
        if (configured == null) {
          continue;
        }
        JsonNode pk = configured.path("stream").path("source_defined_primary_key");
        if (pk.isEmpty()) {
          continue;
        }
        boolean nonNull = false;
        for (JsonNode part : pk) {
          JsonNode value = Schemas.value(record.path("data"), strings(part));
          if (value != null && !value.isNull()) {
            nonNull = true;
          }
          if (value != null && value.isContainerNode()) {
            throw new AssertionError("Stream " + record.path("stream").asText() + " contains "
                + "primary key with forbidden type of '" + (value.isObject() ? "object" : "array")
                + "'");
          }
        }
        if (!nonNull) {
          throw new AssertionError("Stream " + record.path("stream").asText() + " contains "
              + "primary key with null values in all its parts: " + record.path("data"));
        }
        checked++;
      }
      return checked + " record(s) with scalar, non-null primary keys";
    }));
    checks.add(e.check("test_read[expected_records]", () ->
        expectedRecords(e, read.get().records(), catalog.get())));
    checks.add(e.check("test_read[stream_statuses]", () -> {
      if (!bool(e.test, "validate_stream_statuses", false)) {
        throw new TestAbortedException("validate_stream_statuses is not set (CAT checks it for "
            + "certified connectors only)");
      }
      return streamStatuses(read.get(), catalog.get());
    }));
    checks.add(e.check("test_read[state_messages]", () -> {
      if (!bool(e.test, "validate_state_messages", true)) {
        throw new TestAbortedException("validate_state_messages is false");
      }
      return stateMessages(read.get(), catalog.get());
    }));
    checks.add(e.check("test_airbyte_trace_message_on_failure", () -> {
      if (!bool(e.test, "expect_trace_message_on_failure", true)) {
        throw new TestAbortedException("expect_trace_message_on_failure is false");
      }
      ObjectNode invalid = NODES.objectNode();
      ObjectNode configured = invalid.putArray("streams").addObject();
      ObjectNode stream = configured.putObject("stream");
      stream.put("name", "__AIRBYTE__stream_that_does_not_exist");
      ObjectNode schema = stream.putObject("json_schema");
      schema.put("type", "object");
      schema.putObject("properties").putObject("f1").put("type", "string");
      stream.putArray("supported_sync_modes").add("full_refresh");
      configured.put("sync_mode", "INVALID");
      configured.put("destination_sync_mode", "INVALID");
      Output output = e.read(config.get(), invalid, null);
      List<JsonNode> errors = output.traces("ERROR");
      if (errors.isEmpty()) {
        throw new AssertionError("Connector should emit at least one error trace message"
            + output.diagnostics());
      }
      if (output.exitCode() == 0) {
        throw new AssertionError("the connector emitted a TRACE ERROR but exited 0; a failed "
            + "sync must exit non-zero" + output.diagnostics());
      }
      return "TRACE ERROR (" + errors.get(0).path("error").path("failure_type").asText()
          + "), exit " + output.exitCode() + ": " + ConnectorProcess.abbreviate(errors.get(0)
              .path("error").path("message").asText());
    }));
    return checks;
  }

  private static String recordsMatchSchema(List<JsonNode> records, JsonNode catalog,
      boolean noExtraColumns) {
    Map<String, JsonSchema> validators = new HashMap<>();
    Map<String, JsonNode> schemas = new HashMap<>();
    for (Map.Entry<String, JsonNode> stream : configuredByName(catalog).entrySet()) {
      JsonNode schema = stream.getValue().path("stream").path("json_schema");
      schemas.put(stream.getKey(), schema);
      validators.put(stream.getKey(), Schemas.compile(noExtraColumns
          ? Schemas.withoutExtraColumns(schema) : schema, true));
    }
    Map<String, List<String>> errors = new TreeMap<>();
    for (JsonNode record : records) {
      String stream = record.path("stream").asText();
      JsonSchema validator = validators.get(stream);
      if (validator == null) {
        errors.computeIfAbsent(stream, s -> new ArrayList<>())
            .add("a record of a stream that is not in the configured catalog");
        continue;
      }
      JsonNode data = record.path("data");
      Set<String> expected = Schemas.schemaPaths(schemas.get(stream), "");
      Set<String> actual = Schemas.objectPaths(data, "");
      actual.retainAll(expected);
      List<String> problems = new ArrayList<>();
      if (actual.isEmpty()) {
        problems.add("has none of the fields of the json schema");
      }
      problems.addAll(Schemas.validate(validator, data));
      problems.addAll(Schemas.nonIntegers(schemas.get(stream), data, "$."));
      if (!problems.isEmpty()) {
        List<String> list = errors.computeIfAbsent(stream, s -> new ArrayList<>());
        if (list.size() < 5) {
          list.add(data + ": " + problems);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new AssertionError("Please check your json_schema in selected streams "
          + errors.keySet() + ":\n  " + errors.values().stream().flatMap(List::stream)
              .collect(Collectors.joining("\n  ")));
    }
    return records.size() + " record(s) valid (formats checked, strict integers"
        + (noExtraColumns ? ", no extra columns" : "") + ")";
  }

  private static String expectedRecords(Entry e, List<JsonNode> records, JsonNode catalog)
      throws IOException {
    JsonNode config = e.test.get("expect_records");
    if (config == null || config.isNull()) {
      throw new TestAbortedException("no expect_records in this test");
    }
    if (config.hasNonNull("bypass_reason")) {
      throw new TestAbortedException("bypassed: " + config.get("bypass_reason").asText());
    }
    String path = config.path("path").asText();
    boolean exactOrder = bool(config, "exact_order", false);
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(e.path(path));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      JsonNode message;
      try {
        message = ConnectorProcess.JSON.readTree(line);
      } catch (IOException ex) {
        throw new AssertionError(path + " line " + (i + 1) + " is not a JSON record: "
            + ConnectorProcess.abbreviate(line));
      }
      if (message == null || !message.path("stream").isTextual()
          || !message.path("data").isObject() || !message.path("emitted_at").isIntegralNumber()) {
        throw new AssertionError(path + " line " + (i + 1) + " is not an AirbyteRecordMessage "
            + "{\"stream\":...,\"data\":{...},\"emitted_at\":...}: "
            + ConnectorProcess.abbreviate(line));
      }
      expected.computeIfAbsent(message.get("stream").asText(), s -> new ArrayList<>())
          .add(message.get("data"));
    }
    if (expected.isEmpty()) {
      throw new AssertionError(path + " holds no records");
    }
    Map<String, List<JsonNode>> actual = new HashMap<>();
    records.forEach(r -> actual.computeIfAbsent(r.path("stream").asText(),
        s -> new ArrayList<>()).add(r.path("data")));
    Map<String, JsonNode> streams = configuredByName(catalog);
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> stream : expected.entrySet()) {
      String name = stream.getKey();
      JsonNode configured = streams.get(name);
      if (configured == null) {
        throw new AssertionError("Expected exactly one stream matching name " + name
            + " but got 0");
      }
      List<JsonNode> got = actual.getOrDefault(name, List.of());
      JsonNode pk = configured.path("stream").path("source_defined_primary_key");
      if (!pk.isEmpty()) {
        List<String> expectedKeys = stream.getValue().stream().map(d -> primaryKey(d, pk))
            .collect(Collectors.toList());
        List<String> actualKeys = got.stream().map(d -> primaryKey(d, pk))
            .collect(Collectors.toList());
        if (exactOrder) {
          List<String> prefix = actualKeys.subList(0, Math.min(actualKeys.size(),
              expectedKeys.size()));
          if (!prefix.equals(expectedKeys)) {
            throw new AssertionError("Expected to see those primary keys in order in the actual "
                + "response for stream " + name + ": expected " + expectedKeys + ", got "
                + prefix);
          }
        } else {
          Set<String> missing = new LinkedHashSet<>(expectedKeys);
          missing.removeAll(new HashSet<>(actualKeys));
          if (!missing.isEmpty()) {
            throw new AssertionError("Expected to see those primary keys in the actual response"
                + " for stream " + name + " but they were not found: " + missing);
          }
        }
        notes.add(name + ": " + expectedKeys.size() + " expected primary key(s) found"
            + (exactOrder ? " in order" : ""));
      } else {
        Set<JsonNode> missing = new LinkedHashSet<>(stream.getValue());
        missing.removeAll(new HashSet<>(got));
        if (stream.getValue().size() > got.size()) {
          throw new AssertionError("Expected to have at least as many records than expected for"
              + " stream " + name + "; missing: " + missing);
        }
        notes.add(name + ": " + stream.getValue().size() + " expected record(s), no primary key");
      }
    }
    return path + ": " + String.join("; ", notes);
  }

  private static String primaryKey(JsonNode data, JsonNode pk) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode part : pk) {
      JsonNode value = Schemas.value(data, strings(part));
      values.put(strings(part).toString(), value == null ? "null" : value.toString());
    }
    return values.toString();
  }

  private static String streamStatuses(Output read, JsonNode catalog) {
    Map<String, List<String>> statuses = new LinkedHashMap<>();
    for (JsonNode trace : read.traces("STREAM_STATUS")) {
      JsonNode status = trace.path("stream_status");
      String key = status.path("stream_descriptor").path("namespace").asText("None") + "-"
          + status.path("stream_descriptor").path("name").asText();
      statuses.computeIfAbsent(key, k -> new ArrayList<>()).add(status.path("status").asText());
    }
    Set<String> configured = new LinkedHashSet<>();
    for (JsonNode stream : catalog.path("streams")) {
      configured.add(stream.path("stream").path("namespace").asText("None") + "-"
          + stream.path("stream").path("name").asText());
    }
    if (!configured.equals(statuses.keySet())) {
      throw new AssertionError("All stream must emit status: configured " + configured
          + ", with statuses " + statuses.keySet());
    }
    for (Map.Entry<String, List<String>> entry : statuses.entrySet()) {
      List<String> list = entry.getValue();
      if (list.size() < 3 || !list.get(0).equals("STARTED")
          || !list.get(list.size() - 1).equals("COMPLETE")
          || !list.subList(1, list.size() - 1).stream().allMatch("RUNNING"::equals)) {
        throw new AssertionError("Stream `" + entry.getKey() + "` statuses should be emitted in "
            + "the next order: `STARTED`, `RUNNING`,... `COMPLETE`; got " + list);
      }
    }
    return statuses.toString();
  }

  private static String stateMessages(Output read, JsonNode catalog) {
    List<JsonNode> states = read.states();
    Set<String> streams = configuredByName(catalog).keySet();
    if (states.size() < streams.size()) {
      throw new AssertionError("At least one state message should be emitted for each configured"
          + " stream: " + states.size() + " STATE for " + streams.size() + " stream(s)");
    }
    Map<String, Integer> perStream = new TreeMap<>();
    for (JsonNode state : states) {
      String type = state.path("type").asText("LEGACY");
      if (!type.equals("STREAM") && !type.equals("GLOBAL")) {
        throw new AssertionError("a STATE of type " + type + ": emit STREAM (or GLOBAL) states, "
            + "the LEGACY state type is deprecated: " + state);
      }
      if (!state.path("sourceStats").isObject()
          || !state.path("sourceStats").path("recordCount").isNumber()) {
        throw new AssertionError("Source stats should be in state message: " + state);
      }
      if (type.equals("STREAM")) {
        perStream.merge(state.path("stream").path("stream_descriptor").path("name").asText(), 1,
            Integer::sum);
      } else {
        state.path("global").path("stream_states").forEach(s -> perStream.merge(
            s.path("stream_descriptor").path("name").asText(), 1, Integer::sum));
      }
    }
    for (String stream : streams) {
      if (!perStream.containsKey(stream)) {
        throw new AssertionError("no STATE for the stream " + stream + "; STATE per stream: "
            + perStream);
      }
    }
    return states.size() + " STATE(s) with sourceStats, per stream " + perStream;
  }
}
