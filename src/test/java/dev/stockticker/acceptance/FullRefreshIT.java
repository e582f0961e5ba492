package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.Catalogs.configuredByName;
import static dev.stockticker.acceptance.Catalogs.onlyMode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicNode;

/**
 * CAT's full_refresh tests (test_full_refresh.py): two full reads in a row, as the platform makes
 * them on every sync of a full-refresh stream. The second must stamp its records later and
 * lose none of the first's, or a destination that replaces the data would lose rows.
 */
class FullRefreshIT extends AcceptanceSection {
  FullRefreshIT() {
    super("full_refresh");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    Lazy<Config> config = new Lazy<>(() -> e.config(false));
    Lazy<JsonNode> configured = e.configuredCatalog();
    Lazy<JsonNode> catalog = new Lazy<>(() -> onlyMode(configured.get(), "full_refresh"));
    Lazy<List<Output>> reads = new Lazy<>(() -> {
      Output first = e.readOk(config.get(), catalog.get(), null, "read 1");
      sleep(Duration.ofMillis(5)); // emitted_at is in ms; CAT sleeps 1 s
      Output second = e.readOk(config.get(), catalog.get(), null, "read 2");
      return List.of(first, second);
    });
    List<DynamicNode> checks = new ArrayList<>();
    checks.add(e.check("test_sequential_reads[emitted_at_increases]", () -> {
      List<JsonNode> first = reads.get().get(0).records();
      List<JsonNode> second = reads.get().get(1).records();
      if (first.isEmpty()) {
        throw new AssertionError("At least one record should be read using provided catalog");
      }
      if (second.isEmpty()) {
        throw new AssertionError("the second read has no records");
      }
      long max = first.stream().mapToLong(r -> r.path("emitted_at").asLong()).max().getAsLong();
      long min = second.stream().mapToLong(r -> r.path("emitted_at").asLong()).min().getAsLong();
      if (max >= min) {
        throw new AssertionError("emitted_at should increase on subsequent runs: read 1 up to "
            + max + ", read 2 from " + min);
      }
      return "read 1 " + first.size() + " record(s) up to " + max + ", read 2 " + second.size()
          + " from " + min;
    }));
    checks.add(e.check("test_sequential_reads[records_subset]", () -> {
      Map<String, JsonNode> streams = configuredByName(catalog.get());
      Map<String, Set<String>> first = serialize(reads.get().get(0).records(), streams);
      Map<String, Set<String>> second = serialize(reads.get().get(1).records(), streams);
      for (Map.Entry<String, Set<String>> stream : first.entrySet()) {
        Set<String> missing = new LinkedHashSet<>(stream.getValue());
        missing.removeAll(second.getOrDefault(stream.getKey(), Set.of()));
        if (!missing.isEmpty()) {
          throw new AssertionError(stream.getKey() + ": the two sequential reads should produce "
              + "either equal set of records or one of them is a strict subset of the other; "
              + "missing from read 2: " + missing.stream().limit(10).collect(Collectors.toList()));
        }
      }
      return "read-1 records ⊆ read-2 records (by primary key)";
    }));
    return checks;
  }

  /** Records per stream as CAT's full refresh test compares them: by primary key, else whole. */
  private static Map<String, Set<String>> serialize(List<JsonNode> records,
      Map<String, JsonNode> streams) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (JsonNode record : records) {
      String stream = record.path("stream").asText();
      JsonNode pk = streams.containsKey(stream) ? streams.get(stream).path("primary_key")
          : NODES.arrayNode();
      String key;
      if (pk.isArray() && !pk.isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (JsonNode part : pk) {
          parts.add(strings(part) + "=" + Schemas.value(record.path("data"), strings(part)));
        }
        key = String.join(";", parts);
      } else {
        key = record.path("data").toString();
      }
      result.computeIfAbsent(stream, s -> new LinkedHashSet<>()).add(key);
    }
    return result;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
