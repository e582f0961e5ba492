package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.sandbox.SandboxServer;
import dev.stockticker.support.Connector;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both request plans against the same sandbox data give the same records, the same order per
 * ticker and the same cursors; only the number of requests differs.
 */
class RequestPlansTest {
  /** Wednesday 2024-03-13, 11:00 in New York. */
  private static final Instant NOW = Instant.parse("2024-03-13T15:00:00Z");
  private static final String TICKERS = "AAPL, MSFT, BRK.B, OMIT, X:BTCUSD, NOPE";

  @TempDir Path dir;
  private SandboxServer sandbox;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.builder().apiKey("sandbox-key")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Run read(String strategy, String start, String state) {
    Connector connector = new Connector(dir, NOW);
    String config = connector.file("config.json", String.format("{\"api_key\":\"sandbox-key\","
        + "\"stock_ticker\":\"%s\",\"start_date\":\"%s\",\"base_url\":\"%s\","
        + "\"request_strategy\":\"%s\"}", TICKERS, start, sandbox.baseUrl(), strategy));
    String catalog = Path.of("incremental_configured_catalog.json").toAbsolutePath().toString();
    return state == null ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  private static Map<String, List<JsonNode>> byTicker(Run run) {
    Map<String, List<JsonNode>> records = new HashMap<>();
    for (JsonNode record : run.records()) {
      records.computeIfAbsent(record.get("stock_ticker").asText(), t -> new ArrayList<>())
          .add(record);
    }
    return records;
  }

  @ParameterizedTest(name = "from {0}")
  @ValueSource(strings = {"2024-03-04", "2024-01-02"})
  void bothPlansEmitTheSameRecordsInTheSameOrderPerTickerAndTheSameState(String start) {
    Run perTicker = read("per_ticker", start, null);
    long perTickerRequests = sandbox.requestCount();
    sandbox.resetCounts();
    Run grouped = read("grouped_daily", start, null);
    long groupedRequests = sandbox.requestCount();

    assertEquals(0, perTicker.exitCode(), perTicker.stdout());
    assertEquals(0, grouped.exitCode(), grouped.stdout());
    assertTrue(perTicker.records().size() > 20);
    assertEquals(byTicker(perTicker), byTicker(grouped));
    assertEquals(perTicker.lastStreamState(), grouped.lastStreamState());
    for (List<JsonNode> records : byTicker(grouped).values()) {
      List<String> dates = records.stream().map(r -> r.get("date").asText())
          .collect(Collectors.toList());
      assertEquals(dates.stream().sorted().distinct().collect(Collectors.toList()), dates);
    }
    // Per ticker: one request each for the 6 tickers (the unknown NOPE included). Grouped: one
    // per trading day, plus X:BTCUSD on its own and NOPE, which no grouped response has.
    assertEquals(6, perTickerRequests);
    int tradingDays = start.equals("2024-03-04") ? 8 : 50;
    assertEquals(tradingDays + 2, groupedRequests);
    assertTrue(grouped.logs().stream().anyMatch(l -> l.startsWith("Request plan (grouped_daily)"
        + ": grouped daily for 5 ticker(s) over " + tradingDays + " trading day(s)")),
        grouped.logs().toString());
  }

  @Test
  void autoPicksGroupedForOneNewDayAndResumesIdentically() {
    Run first = read("auto", "2024-03-04", null);
    String state = first.nextStateFile();

    sandbox.resetCounts();
    Run auto = read("auto", "2024-03-04", state);
    long autoRequests = sandbox.requestCount();
    Run perTicker = read("per_ticker", "2024-03-04", state);

    // Today's bar for the 4 stocks in 1 grouped request; crypto and NOPE on their own. No split
    // check: the first read, the same day, left every ticker adjusted through today.
    assertEquals(3, autoRequests);
    assertEquals(byTicker(perTicker), byTicker(auto));
    assertEquals(perTicker.lastStreamState(), auto.lastStreamState());
    assertTrue(auto.logs().get(1).startsWith("Request plan (auto): grouped daily for 4 ticker(s)"
        + " over 1 trading day(s)"), auto.logs().toString());
  }

  /**
   * A grouped read stopped at any of its checkpoints (as a failure would stop it) resumes to
   * exactly the rest: together, nothing lost, and nothing that checkpoint made final read again.
   */
  @Test
  void aGroupedReadResumesFromEveryCheckpointToExactlyTheRest() {
    Run uninterrupted = read("grouped_daily", "2024-03-04", null);
    Set<String> all = new HashSet<>(uninterrupted.recordKeys());
    List<JsonNode> states = uninterrupted.states();
    assertTrue(states.size() >= 8, "a checkpoint per grouped day");
    for (JsonNode checkpoint : states) {
      assertResumesFrom(uninterrupted, checkpoint, all);
    }
  }

  private void assertResumesFrom(Run uninterrupted, JsonNode checkpoint, Set<String> all) {
    JsonNode midway = checkpoint.get("state");
    int recordsBefore = 0;
    for (int i = 0; i <= uninterrupted.messages().indexOf(checkpoint); i++) {
      if (uninterrupted.messages().get(i).get("type").asText().equals("RECORD")) {
        recordsBefore++;
      }
    }
    Run resumed = read("grouped_daily", "2024-03-04", "[" + midway + "]");

    Set<String> union = new HashSet<>(uninterrupted.recordKeys().subList(0, recordsBefore));
    union.addAll(resumed.recordKeys());
    assertEquals(all, union);
    JsonNode cursors = midway.at("/stream/stream_state/tickers");
    for (String key : resumed.recordKeys()) {
      String[] parts = key.split(" ");
      assertTrue(!cursors.has(parts[0]) || parts[1].compareTo(cursors.get(parts[0]).asText()) > 0,
          key + " was final at the checkpoint");
    }
  }
}
