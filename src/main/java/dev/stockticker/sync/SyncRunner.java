package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.polygon.Polygon;
import dev.stockticker.polygon.PolygonException;
import dev.stockticker.polygon.WaitListener;
import dev.stockticker.protocol.ConfiguredCatalog;
import dev.stockticker.protocol.ConfiguredCatalog.ConfiguredStream;
import dev.stockticker.protocol.InvalidInputException;
import dev.stockticker.protocol.JsonInput;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.StreamStatus;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.PartsFailedException.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the streams of the source: discover lists every registered stream, read runs the configured
 * ones in catalog order. For each stream the runner owns the lifecycle: STARTED, RUNNING at the
 * first record, a last STATE carrying only that stream's blob, then COMPLETE; or, when the stream
 * fails, a STATE covering what it emitted and INCOMPLETE, and the next stream still runs (as
 * Airbyte's CDKs do). Any failure ends the read with one error naming every failed stream. A 401
 * ends it at once: with a rejected key no other stream can succeed.
 */
public final class SyncRunner {
  private final List<Stream> registry;
  private final MessageWriter out;

  public SyncRunner(List<Stream> registry, MessageWriter out) {
    this.registry = List.copyOf(registry);
    this.out = out;
  }

  /** The AirbyteCatalog of every registered stream. */
  public JsonNode catalog() {
    ObjectNode catalog = JsonNodeFactory.instance.objectNode();
    ArrayNode streams = catalog.putArray("streams");
    registry.forEach(stream -> streams.add(catalogEntry(stream)));
    return catalog;
  }

  private static ObjectNode catalogEntry(Stream stream) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("name", stream.name());
    entry.set("json_schema", schema(stream.name()));
    ArrayNode modes = entry.putArray("supported_sync_modes");
    stream.syncModes().forEach(mode -> modes.add(mode.wireName()));
    boolean cursor = !stream.cursorField().isEmpty();
    entry.put("source_defined_cursor", cursor);
    if (cursor) {
      ArrayNode field = entry.putArray("default_cursor_field");
      stream.cursorField().forEach(field::add);
    }
    ArrayNode key = entry.putArray("source_defined_primary_key");
    stream.primaryKey().forEach(path -> {
      ArrayNode names = key.addArray();
      path.forEach(names::add);
    });
    entry.put("is_resumable", stream.syncModes().contains(SyncMode.INCREMENTAL));
    return entry;
  }

  private static JsonNode schema(String stream) {
    String name = "/schemas/" + stream + ".json";
    try (InputStream in = SyncRunner.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " in the jar");
      }
      return JsonInput.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the streams {@code catalog} selects, each starting from its blob in {@code states}
   * (stream name to stream state, as parsed from the {@code --state} file).
   */
  public void read(Config config, Environment env, ConfiguredCatalog catalog, String catalogFile,
      Map<String, JsonNode> states, String stateFile) {
    Map<String, Stream> byName = new LinkedHashMap<>();
    registry.forEach(stream -> byName.put(stream.name(), stream));
    for (ConfiguredStream configured : catalog.streams()) {
      if (!byName.containsKey(configured.name())) {
        throw new InvalidInputException(String.format(
            "The catalog file %s asks for the stream \"%s\", which this source does not have;"
                + " %s.", catalogFile, configured.name(), describe(byName.keySet())));
      }
    }
    if (catalog.streams().isEmpty()) {
      out.log(LogLevel.WARN, "The catalog selects no stream; nothing to read.");
      return;
    }
    states.keySet().stream().filter(name -> !byName.containsKey(name)).forEach(name ->
        out.log(LogLevel.WARN, String.format(
            "Ignoring the state of \"%s\" in the state file %s: this source has no such stream.",
            name, stateFile)));

    String[] current = {null};
    WaitListener waits = (reason, wait, until, rateLimited) -> {
      out.log(LogLevel.INFO, String.format("Waiting %.1f s: %s", wait.toMillis() / 1000.0,
          reason));
      if (rateLimited && current[0] != null) {
        out.rateLimited(current[0], until.toEpochMilli());
      }
      out.flush(); // show why the sync is quiet while it waits
    };
    Polygon polygon = Polygon.connect(new Polygon.Settings(config.baseUrl(), config.apiKey(),
        config.requestsPerMinute(), config.maxConcurrentRequests(), env.syncRetry(),
        env.timeouts(), env.clock(), env.sleeper(),
        waits));
    SyncContext context = new SyncContext(config, polygon, env.clock(), stateFile);

    // Every stream's state is parsed before any starts: bad state fails the read up front.
    List<Stream.Read> reads = new ArrayList<>();
    for (ConfiguredStream configured : catalog.streams()) {
      reads.add(byName.get(configured.name())
          .open(configured.syncMode(), states.get(configured.name()), context));
    }
    List<Part> failures = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      String name = catalog.streams().get(i).name();
      current[0] = name;
      RuntimeException failure = run(name, reads.get(i));
      polygon.transport().cancelPrefetch(); // nothing a stream sent ahead outlives it
      if (failure != null) {
        failures.add(new Part(name, failure));
        if (failure instanceof PolygonException e
            && e.kind() == PolygonException.Kind.UNAUTHORIZED) {
          break;
        }
      }
    }
    if (failures.size() == 1) {
      throw failures.get(0).error();
    }
    if (!failures.isEmpty()) {
      throw new PartsFailedException(String.format("%d streams did not sync successfully; each "
          + "was marked INCOMPLETE and the others went on.", failures.size()), failures);
    }
  }

  /** Runs one stream's read through its lifecycle; returns what stopped it, or null. */
  private RuntimeException run(String name, Stream.Read read) {
    StreamOutput output = new StreamOutput(name, out);
    out.streamStatus(name, StreamStatus.STARTED);
    try {
      read.run(output);
    } catch (RuntimeException e) {
      output.checkpoint(read.state());
      out.streamStatus(name, StreamStatus.INCOMPLETE);
      return e;
    }
    output.finalCheckpoint(read.state());
    out.streamStatus(name, StreamStatus.COMPLETE);
    String summary = read.summary();
    if (summary != null) {
      out.log(LogLevel.INFO, summary);
    }
    return null;
  }

  private static String describe(java.util.Set<String> names) {
    return names.size() == 1 ? "its only stream is " + names.iterator().next()
        : "its streams are " + names.stream().collect(Collectors.joining(", "));
  }
}
