package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.bool;
import static dev.stockticker.acceptance.Catalogs.configuredByName;
import static dev.stockticker.acceptance.Catalogs.onlyMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.TestAbortedException;

/**
 * CAT's incremental tests (test_incremental.py): a read from the STATE of an earlier read must
 * carry on where it stopped, neither starting over nor skipping records, and a STATE from the far
 * future must give no records and keep its cursor's format, since the platform stores whatever
 * STATE comes back and feeds it to the next sync.
 */
class IncrementalIT extends AcceptanceSection {
  IncrementalIT() {
    super("incremental");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    Lazy<Config> config = new Lazy<>(() -> e.config(false));
    Lazy<JsonNode> configured = e.configuredCatalog();
    Lazy<JsonNode> catalog = new Lazy<>(() -> onlyMode(configured.get(), "incremental"));
    Lazy<Output> first = new Lazy<>(() -> e.readOk(config.get(), catalog.get(), null,
        "read 1 (no state)"));
    List<DynamicNode> checks = new ArrayList<>();

    // As current CAT's test_incremental.py: read 2 from the latest per-stream states must have
    // records, for the same streams, not the same records, and its oldest cursor must not be
    // newer than read 1's newest (less threshold_days): the two reads overlap or touch.
    checks.add(e.check("test_two_sequential_reads", () -> {
      Output read1 = first.get();
      if (read1.states().isEmpty()) {
        throw new AssertionError("First Read should produce at least one state");
      }
      if (read1.records().isEmpty()) {
        throw new AssertionError("First Read should produce at least one record");
      }
      Map<String, JsonNode> latest = new LinkedHashMap<>();
      for (JsonNode state : read1.states()) {
        latest.put(state.path("stream").path("stream_descriptor").path("name").asText(), state);
      }
      ArrayNode stateInput = NODES.arrayNode();
      latest.forEach((name, state) -> {
        ObjectNode message = stateInput.addObject();
        message.put("type", "STREAM");
        message.set("stream", state.path("stream"));
      });
      Output read2 = e.readOk(config.get(), catalog.get(), stateInput, "read 2 (with state)");
      if (read2.records().isEmpty()) {
        throw new AssertionError("Second Read should produce at least one record");
      }
      Map<String, List<JsonNode>> byStream1 = byStream(read1.records());
      Map<String, List<JsonNode>> byStream2 = byStream(read2.records());
      if (!byStream1.keySet().equals(byStream2.keySet())) {
        throw new AssertionError("Second Read should produce records for the same streams as the "
            + "first read: " + byStream1.keySet() + " vs " + byStream2.keySet());
      }
      int thresholdDays = e.test.path("threshold_days").asInt(0);
      Map<String, JsonNode> streams = configuredByName(catalog.get());
      List<String> notes = new ArrayList<>();
      for (Map.Entry<String, List<JsonNode>> s : byStream1.entrySet()) {
        List<JsonNode> records2 = byStream2.get(s.getKey());
        if (dataSet(s.getValue()).equals(dataSet(records2))) {
          throw new AssertionError("Records for stream " + s.getKey() + " should change between "
              + "reads but did not; state: " + stateInput);
        }
        List<String> cursor = strings(streams.get(s.getKey()).path("cursor_field"));
        JsonNode max1 = Cursors.extreme(s.getValue(), cursor, 1);
        JsonNode min2 = Cursors.extreme(records2, cursor, -1);
        if (!Cursors.atLeast(max1, min2, thresholdDays)) {
          throw new AssertionError("Second incremental sync should produce records greater or "
              + "equal to the first incremental sync. Stream: " + s.getKey()
              + ", min_cursor_value_2: " + min2 + ", max_cursor_value_1: " + max1);
        }
        notes.add(s.getKey() + ": read 1 " + s.getValue().size() + " record(s) up to " + max1
            + "; read 2 " + records2.size() + " record(s) from " + min2);
      }
      return String.join("; ", notes);
    }));

    checks.add(e.check("test_read_sequential_slices", () -> {
      if (bool(e.test, "skip_comprehensive_incremental_tests", false)) {
        throw new TestAbortedException("skip_comprehensive_incremental_tests is true");
      }
      List<String> notes = new ArrayList<>();
      for (JsonNode stream : catalog.get().path("streams")) {
        String name = stream.path("stream").path("name").asText();
        ObjectNode perStream = NODES.objectNode();
        perStream.putArray("streams").add(stream);
        Output read1 = catalog.get().path("streams").size() == 1 ? first.get()
            : e.readOk(config.get(), perStream, null, "read of " + name);
        List<JsonNode> records1 = read1.records();
        if (records1.isEmpty() || read1.states().isEmpty()) {
          notes.add(name + ": no records or no state, nothing to resume");
          continue;
        }
        List<String> cursorField = strings(stream.path("cursor_field"));
        JsonNode latestState = read1.states().get(read1.states().size() - 1)
            .path("stream").path("stream_state");
        JsonNode latestCursor = latestState.get(cursorField.get(cursorField.size() - 1));
        if (latestCursor != null) {
          for (JsonNode r : records1) {
            JsonNode value = Schemas.value(r.path("data"), cursorField);
            if (Cursors.compare(value, latestCursor) > 0) {
              throw new AssertionError("First incremental sync should produce records younger or "
                  + "equal to cursor value from the state. Stream: " + name + " (record " + value
                  + " > state " + latestCursor + ")");
            }
          }
        }
        List<Checkpoints.Checkpoint> selected = Checkpoints.select(read1.states());
        if (selected.isEmpty()) {
          throw new AssertionError("Unable to test because there is no suitable state checkpoint,"
              + " likely due to a zero record count in the states.");
        }
        List<String> cursor = strings(stream.path("cursor_field"));
        Map<String, JsonNode> accumulated = new LinkedHashMap<>();
        List<String> resumed = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
          Checkpoints.Checkpoint checkpoint = selected.get(i);
          JsonNode state = checkpoint.state();
          JsonNode streamState = state.path("stream").path("stream_state");
          if (truthy(streamState)) {
            accumulated.put(state.path("stream").path("stream_descriptor").path("name").asText(),
                streamState);
          }
          ArrayNode stateInput = NODES.arrayNode();
          accumulated.forEach((streamName, value) -> {
            ObjectNode message = stateInput.addObject();
            message.put("type", "STREAM");
            ObjectNode inner = message.putObject("stream");
            inner.putObject("stream_descriptor").put("name", streamName);
            inner.set("stream_state", value);
          });
          Output readN = e.readOk(config.get(), perStream, stateInput,
              "read " + (i + 1) + " of " + selected.size() + " (from checkpoint #"
                  + checkpoint.index() + ")");
          List<JsonNode> recordsN = readN.records();
          if (recordsN.size() < checkpoint.expected()) {
            throw new AssertionError("Read " + (i + 1) + " of " + selected.size() + " should "
                + "produce at least " + (long) checkpoint.expected() + " record(s) (those after "
                + "checkpoint #" + checkpoint.index() + "), got " + recordsN.size()
                + "; state: " + stateInput);
          }
          if (dataSet(records1).equals(dataSet(recordsN))) {
            throw new AssertionError("Records for subsequent reads with new state should be "
                + "different; state: " + stateInput);
          }
          JsonNode stateCursor = accumulated.containsKey(name)
              ? accumulated.get(name).get(cursor.get(cursor.size() - 1)) : null;
          if (stateCursor != null) {
            for (JsonNode r : recordsN) {
              JsonNode value = Schemas.value(r.path("data"), cursor);
              if (!Cursors.atLeast(value, stateCursor, e.test.path("threshold_days").asInt(0))) {
                throw new AssertionError("Second incremental sync should produce records older "
                    + "or equal to cursor value from the state: record cursor " + value + " < "
                    + stateCursor + " after resuming from " + stateInput);
              }
            }
          }
          resumed.add("#" + checkpoint.index() + " " + recordsN.size() + ">="
              + (long) checkpoint.expected());
        }
        notes.add(name + ": " + read1.states().size() + " STATE(s), resumed from " + resumed);
      }
      return String.join("; ", notes);
    }));

    Lazy<Output> future = new Lazy<>(() -> {
      JsonNode futureState = e.test.path("future_state");
      if (futureState.isMissingNode() || futureState.isNull()) {
        throw new TestAbortedException("`future_state` not specified (CAT skips this at "
            + "strictness low)");
      }
      if (futureState.hasNonNull("bypass_reason")) {
        throw new TestAbortedException("`future_state` has a bypass reason: "
            + futureState.get("bypass_reason").asText());
      }
      if (!futureState.hasNonNull("future_state_path")) {
        throw new TestAbortedException("`future_state` has no future_state_path");
      }
      JsonNode state;
      try {
        state = ConnectorProcess.JSON.readTree(Files.readString(e.path(
            futureState.get("future_state_path").asText())));
      } catch (IOException ex) {
        throw new AssertionError("cannot read the future state: " + ex.getMessage(), ex);
      }
      return e.readOk(config.get(), onlyMode(configured.get(), "incremental"), state,
          "read with the future state");
    });
    checks.add(e.check("test_state_with_abnormally_large_values", () -> {
      Output output = future.get();
      if (!output.records().isEmpty()) {
        throw new AssertionError("The sync should produce no records when run with the state "
            + "with abnormally large values; got " + output.records().size() + ", first "
            + output.records().get(0).path("data"));
      }
      if (output.states().isEmpty()) {
        throw new AssertionError("The sync should produce at least one STATE message");
      }
      return "0 records, " + output.states().size() + " STATE";
    }));
    checks.add(e.check("test_state_with_abnormally_large_values[cursor_format]", () -> {
      Output output = future.get();
      JsonNode state = ConnectorProcess.JSON.readTree(Files.readString(e.path(
          e.test.path("future_state").path("future_state_path").asText())));
      Map<String, JsonNode> streams = configuredByName(catalog.get());
      Map<String, JsonNode> emitted = new LinkedHashMap<>();
      for (JsonNode s : output.states()) {
        emitted.put(s.path("stream").path("stream_descriptor").path("name").asText(),
            s.path("stream").path("stream_state"));
      }
      List<String> notes = new ArrayList<>();
      for (JsonNode s : state.isArray() ? state : NODES.arrayNode()) {
        String name = s.path("stream").path("stream_descriptor").path("name").asText();
        JsonNode stream = streams.get(name);
        if (stream == null) {
          continue;
        }
        List<String> cursor = strings(stream.path("cursor_field"));
        String key = cursor.get(cursor.size() - 1);
        JsonNode in = s.path("stream").path("stream_state").get(key);
        if (in == null) {
          throw new AssertionError("the future state of " + name + " has no " + key);
        }
        JsonNode out = emitted.containsKey(name) ? emitted.get(name).get(key) : null;
        if (out == null) {
          throw new AssertionError("no STATE of " + name + " with a cursor " + key
              + " after reading from the future state; STATEs: " + output.states());
        }
        String shapeIn = Cursors.shape(in);
        String shapeOut = Cursors.shape(out);
        if (out.getNodeType() != in.getNodeType() || !shapeOut.equals(shapeIn)) {
          throw new AssertionError("the cursor " + key + " of " + name + " changed type or "
              + "shape: in " + in + " (" + shapeIn + "), out " + out + " (" + shapeOut + ")");
        }
        if (Cursors.compare(out, in) < 0) {
          throw new AssertionError("the cursor " + key + " of " + name + " moved backwards: "
              + "from the future state's " + in + " to " + out);
        }
        notes.add(name + " " + key + ": " + in + " -> " + out);
      }
      if (notes.isEmpty()) {
        throw new AssertionError("the future state names none of the incremental streams");
      }
      return String.join("; ", notes);
    }));
    return checks;
  }

  private static Map<String, List<JsonNode>> byStream(List<JsonNode> records) {
    Map<String, List<JsonNode>> byStream = new LinkedHashMap<>();
    for (JsonNode r : records) {
      byStream.computeIfAbsent(r.path("stream").asText(), k -> new ArrayList<>()).add(r);
    }
    return byStream;
  }

  /** The records' data as a set: DeepDiff(ignore_order=True) sees no change between equal sets. */
  private static Set<JsonNode> dataSet(List<JsonNode> records) {
    return records.stream().map(r -> r.path("data")).collect(Collectors.toSet());
  }
}
