package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.sandbox.SandboxServer;
import dev.stockticker.support.Connector;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With adjusted prices, a split rescales every earlier bar at Polygon. Daily incremental syncs
 * around NFLX's 10-for-1 split of 2025-11-17 (in the sandbox's market, whose adjusted bars really
 * are rescaled by the splits executed by its clock), applied to a table keyed by the primary key
 * (last write wins, as Append + Deduped does), must leave exactly what a full refresh on the last
 * day reads, bar for bar.
 */
class SplitRereadTest {
  /** Thursday 2025-11-13, 16:00 in New York: day 1. The split executes on day 3, Monday. */
  private static final Instant DAY_ONE = Instant.parse("2025-11-13T21:00:00Z");
  private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2025-11-13"),
      LocalDate.parse("2025-11-14"), LocalDate.parse("2025-11-17"), LocalDate.parse("2025-11-18"),
      LocalDate.parse("2025-11-19"));

  @TempDir Path dir;
  private SandboxServer sandbox;

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private Run read(Connector connector, String mode, String state) {
    String config = connector.file("config.json", String.format("{\"api_key\":\"sandbox\","
        + "\"stock_ticker\":\"NFLX, AAPL, MSFT\",\"start_date\":\"2025-10-01\",\"base_url\":"
        + "\"%s\"}", sandbox.baseUrl()));
    String catalog = Path.of(mode + "_configured_catalog.json").toAbsolutePath().toString();
    return state == null ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  private static void apply(Map<String, JsonNode> table, Run run) {
    for (JsonNode record : run.records()) {
      table.put(record.get("stock_ticker").asText() + " " + record.get("date").asText(), record);
    }
  }

  @Test
  void dailySyncsAcrossASplitEndEqualToAFullRefresh() {
    Connector connector = new Connector(dir, DAY_ONE);
    sandbox = SandboxServer.builder().clock(connector.clock()).build().start();
    Map<String, JsonNode> table = new TreeMap<>();
    List<Long> requests = new ArrayList<>();
    List<List<String>> rereadLogs = new ArrayList<>();
    String state = null;
    JsonNode firstNflxBarOnDayOne = null;
    for (int day = 0; day < DAYS.size(); day++) {
      if (day > 0) {
        connector.clock().advance(Duration.between(
            DAYS.get(day - 1).atStartOfDay(), DAYS.get(day).atStartOfDay()));
      }
      long before = sandbox.requestCount();
      Run run = read(connector, "incremental", state);
      assertEquals(0, run.exitCode(), run.stdout());
      requests.add(sandbox.requestCount() - before);
      rereadLogs.add(run.logs().stream().filter(l -> l.contains("re-reading")).toList());
      apply(table, run);
      if (day == 0) {
        firstNflxBarOnDayOne = table.get("NFLX 2025-10-01");
      }
      state = run.nextStateFile();
    }
    Run full = read(connector, "fullrefresh", null);
    Map<String, JsonNode> fresh = new TreeMap<>();
    apply(fresh, full);

    assertEquals(fresh.keySet(), table.keySet());
    fresh.forEach((key, record) -> assertEquals(record, table.get(key), key));
    // Only day 3 re-read, and only NFLX, from the first day it was synced.
    for (int day = 0; day < DAYS.size(); day++) {
      assertEquals(day == 2 ? 1 : 0, rereadLogs.get(day).size(), "day " + (day + 1) + ": "
          + rereadLogs.get(day));
    }
    String log = rereadLogs.get(2).get(0);
    assertTrue(log.startsWith("NFLX: 10-for-1 forward_split executed 2025-11-17")
        && log.contains("re-reading its whole history from 2025-10-01"), log);
    // Day 3 cost one request more than day 4, NFLX's re-read; AAPL and MSFT read as on any day.
    assertEquals(requests.get(3) + 1, requests.get(2), "requests per day: " + requests);
    // The re-read mattered: the split moved NFLX's early bars to a tenth of the price.
    double before = firstNflxBarOnDayOne.get("close").asDouble();
    double after = fresh.get("NFLX 2025-10-01").get("close").asDouble();
    assertEquals(before / 10, after, 0.0001 * before, "close before and after the split");
  }
}
