package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The split check of incremental stock_prices: when it asks, what it re-reads, how it fails. */
class SplitCheckTest {
  /** Wednesday 2024-03-13, 11:00 in New York. */
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");
  /** AAPL split 4-for-1, executed Monday 2024-03-11. */
  private static final String SPLIT = "{\"request_id\":1,\"status\":\"OK\",\"results\":[{"
      + "\"adjustment_type\":\"forward_split\",\"execution_date\":\"2024-03-11\","
      + "\"historical_adjustment_factor\":0.25,\"id\":\"E1\",\"split_from\":1,\"split_to\":4,"
      + "\"ticker\":\"AAPL\"}]}";
  /** The state of a sync on Friday 2024-03-08, when AAPL and MSFT were read through the 7th. */
  private static final String FRIDAY_STATE = "{\"stock_prices\":{\"date\":\"2024-03-07\","
      + "\"tickers\":{\"AAPL\":\"2024-03-07\",\"MSFT\":\"2024-03-07\"},\"first_synced\":"
      + "{\"AAPL\":\"2024-03-05\",\"MSFT\":\"2024-03-05\"},\"adjusted_through\":{\"AAPL\":"
      + "\"2024-03-08\",\"MSFT\":\"2024-03-08\"}}}";

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = FakePolygon.aaplAndMsftInMarch2024();

  private Run read(String extraConfig, String catalogJson, String state) {
    Connector connector = new Connector(dir, WEDNESDAY);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL, MSFT\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\","
        + "\"request_strategy\":\"per_ticker\"%s}", polygon.baseUrl(), extraConfig));
    String catalog = catalogJson != null ? connector.file("catalog.json", catalogJson)
        : Path.of("incremental_configured_catalog.json").toAbsolutePath().toString();
    return state == null ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  private List<String> paths() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getUrl().encodedPath());
    }
    return paths;
  }

  private void splits(MockResponse answer) {
    polygon.override(request -> request.getUrl().encodedPath().equals("/stocks/v1/splits")
        ? answer : null);
  }

  @Test
  void aTickerWithASplitIsReadAgainFromItsFirstDateAndTheOthersAsUsual() throws Exception {
    splits(json(200, SPLIT));

    Run run = read("", null, FRIDAY_STATE);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("/stocks/v1/splits",
        "/v2/aggs/ticker/AAPL/range/1/day/2024-03-05/2024-03-13",
        "/v2/aggs/ticker/MSFT/range/1/day/2024-03-08/2024-03-13"), paths());
    assertEquals(List.of("AAPL 2024-03-05", "AAPL 2024-03-06", "AAPL 2024-03-07",
        "AAPL 2024-03-08", "AAPL 2024-03-11", "AAPL 2024-03-12", "AAPL 2024-03-13",
        "MSFT 2024-03-08", "MSFT 2024-03-11", "MSFT 2024-03-12", "MSFT 2024-03-13"),
        run.recordKeys());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("AAPL: 4-for-1 forward_split "
        + "executed 2024-03-11, after its bars were adjusted through 2024-03-08: re-reading its "
        + "whole history from 2024-03-05")), run.logs().toString());
    assertEquals("2024-03-13", run.lastStreamState().at("/adjusted_through/AAPL").asText());
    assertEquals("2024-03-12", run.lastStreamState().at("/tickers/AAPL").asText());
  }

  @Test
  void aStateFromBeforeTheSplitFieldsIsReadAgainFromStartDate() throws Exception {
    splits(json(200, SPLIT));

    Run run = read("", null, "{\"stock_prices\":{\"date\":\"2024-03-07\"}}");

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(paths().contains("/v2/aggs/ticker/AAPL/range/1/day/2024-03-04/2024-03-13"));
    assertEquals("2024-03-04", run.lastStreamState().at("/first_synced/AAPL").asText());
  }

  @Test
  void theSplitsStreamAndTheCheckShareOneAnswer() throws Exception {
    splits(json(200, SPLIT));
    String catalog = "{\"streams\":[{\"stream\":{\"name\":\"stock_prices\",\"json_schema\":{},"
        + "\"supported_sync_modes\":[\"incremental\"]},\"sync_mode\":\"incremental\","
        + "\"destination_sync_mode\":\"append_dedup\"},{\"stream\":{\"name\":\"splits\","
        + "\"json_schema\":{},\"supported_sync_modes\":[\"full_refresh\"]},\"sync_mode\":"
        + "\"full_refresh\",\"destination_sync_mode\":\"overwrite\"}]}";

    Run run = read("", catalog, FRIDAY_STATE);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(1, paths().stream().filter(p -> p.equals("/stocks/v1/splits")).count());
    assertEquals(1, run.records().stream().filter(r -> r.has("split_to")).count());
  }

  @Test
  void noSplitRequestWithoutAdjustmentNorInAFullRefresh() throws Exception {
    splits(json(200, SPLIT));

    Run unadjusted = read(",\"adjusted\":false", null, FRIDAY_STATE);
    List<String> unadjustedPaths = paths();
    Run full = read("", Files.readString(Path.of("fullrefresh_configured_catalog.json")),
        FRIDAY_STATE);

    assertEquals(0, unadjusted.exitCode());
    assertFalse(unadjustedPaths.contains("/stocks/v1/splits"), unadjustedPaths.toString());
    assertEquals(0, full.exitCode());
    assertFalse(paths().contains("/stocks/v1/splits"), "a full refresh reads today's adjustment");
  }

  @Test
  void whenTheSplitsCannotBeReadPricesStillSyncAndTheNextReadChecksAgain() throws Exception {
    splits(json(500, "{\"status\":\"ERROR\",\"error\":\"splits are down\"}"));

    Run run = read("", null, FRIDAY_STATE);

    assertEquals(1, run.exitCode());
    assertTrue(run.error().get("message").asText().contains("splits of the configured stock "
        + "tickers: "), run.error().toString());
    assertEquals("transient_error", run.error().get("failure_type").asText());
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), run.streamStatuses());
    assertEquals(8, run.records().size(), "both tickers from their cursors, as without a split");
    assertEquals("2024-03-08", run.lastStreamState().at("/adjusted_through/AAPL").asText(),
        "not known to be adjusted any later");
  }

  @Test
  void aFailedCheckKeepsTheCursorAnOlderStateWasAdjustedThroughSoTheNextCheckStillSeesTheSplit()
      throws Exception {
    splits(json(500, "{\"status\":\"ERROR\",\"error\":\"splits are down\"}"));

    Run failed = read("", null, "{\"stock_prices\":{\"date\":\"2024-03-07\"}}");

    assertEquals(1, failed.exitCode());
    assertEquals("2024-03-07", failed.lastStreamState().at("/adjusted_through/AAPL").asText(),
        "the input cursor, not the cursor this read moved to");
    assertEquals("2024-03-12", failed.lastStreamState().at("/tickers/AAPL").asText());

    paths();
    splits(json(200, SPLIT));
    Run next = read("", null, failed.nextStateFile());

    assertEquals(0, next.exitCode(), next.stdout());
    assertTrue(next.logs().stream().anyMatch(l -> l.startsWith("AAPL: 4-for-1 forward_split")),
        "the split of 2024-03-11 is still found: " + next.logs());
  }

  @Test
  void withoutStartDateAnOlderStateIsReadAgainFromTwoYearsBack() throws Exception {
    splits(json(200, SPLIT));
    Connector connector = new Connector(dir, WEDNESDAY);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL\",\"base_url\":\"%s\"}", polygon.baseUrl()));

    Run run = connector.run("read", "--config", config, "--catalog",
        Path.of("incremental_configured_catalog.json").toAbsolutePath().toString(), "--state",
        connector.file("state.json", "{\"stock_prices\":{\"date\":\"2024-03-07\"}}"));

    assertEquals(0, run.exitCode(), run.stdout());
    // Two years: within every plan's history, and before anything an older version synced.
    assertTrue(paths().contains("/v2/aggs/ticker/AAPL/range/1/day/2022-03-13/2024-03-13"));
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("read again from 2022-03-13; if it "
        + "was first synced earlier, set start_date")), run.logs().toString());
    assertEquals(8, run.records().size(), "every bar the fake has, from 2024-03-04");
    assertEquals("2022-03-13", run.lastStreamState().at("/first_synced/AAPL").asText(),
        "the re-read's start is the first synced date from now on");
  }

  @Test
  void lookbackBeforeTheFirstSyncedDateMovesItBack() throws Exception {
    splits(json(200, "{\"status\":\"OK\",\"results\":[]}"));

    Run run = read(",\"lookback_days\":5", null, FRIDAY_STATE.replace("2024-03-05",
        "2024-03-06"));

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals("2024-03-04", run.lastStreamState().at("/first_synced/AAPL").asText(),
        "the lookback reached 2024-03-03, bounded by start_date 2024-03-04");
  }
}
