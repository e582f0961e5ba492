package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One ticker whose requests keep failing does not stop the others, and a later read catches up. */
class TickerIsolationTest {
  /** Wednesday 2024-03-13, 11:00 in New York. */
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");
  private static final List<String> TICKERS =
      List.of("AAPL", "MSFT", "KIMpL", "NVDA", "AMZN", "GOOGL", "META", "BRK.B");
  private static final String FAILING = TICKERS.get(2);
  private static final List<String> DAYS = List.of("2024-03-04", "2024-03-05", "2024-03-06",
      "2024-03-07", "2024-03-08", "2024-03-11", "2024-03-12", "2024-03-13");

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private Run read(Connector connector, String state) {
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"%s\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\","
        + "\"request_strategy\":\"per_ticker\"}", String.join(",", TICKERS), polygon.baseUrl()));
    String catalog = Path.of("incremental_configured_catalog.json").toAbsolutePath().toString();
    return state == null ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  @ParameterizedTest(name = "HTTP {0} for the third ticker")
  @CsvSource({"500, transient_error", "403, config_error"})
  void theOtherTickersCompleteAndAResumedReadCatchesUp(int status, String failureType) {
    for (int t = 0; t < TICKERS.size(); t++) {
      for (int d = 0; d < DAYS.size(); d++) {
        polygon.bars(TICKERS.get(t), DAYS.get(d) + "=" + (100 * (t + 1) + d));
      }
    }
    polygon.override(request -> request.getUrl().encodedPath().contains("/" + FAILING + "/")
        ? json(status, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"reason-" + status
            + "\"}") : null);
    Connector connector = new Connector(dir, WEDNESDAY);

    Run failed = read(connector, null);

    assertEquals(1, failed.exitCode(), failed.stdout());
    JsonNode error = failed.error();
    assertEquals(failureType, error.get("failure_type").asText());
    assertTrue(error.get("message").asText().startsWith("1 of 8 ticker(s) of stock_prices failed"),
        error.toString());
    assertTrue(error.get("message").asText().contains(FAILING + ": ")
        && error.get("message").asText().contains("reason-" + status), error.toString());
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), failed.streamStatuses());
    List<String> expected = TICKERS.stream().filter(t -> !t.equals(FAILING))
        .flatMap(t -> DAYS.stream().map(d -> t + " " + d)).collect(Collectors.toList());
    assertEquals(expected, failed.recordKeys(), "every other ticker, whole and in order");
    JsonNode state = failed.lastStreamState();
    for (String ticker : TICKERS) {
      assertEquals(ticker.equals(FAILING) ? "" : "2024-03-12",
          state.path("tickers").path(ticker).asText(), ticker + " in " + state);
    }
    assertEquals(status == 500 ? 4 : 1, polygon.server().getRequestCount() - 7,
        "the failing ticker's attempts, beside one request for each other ticker");

    polygon.override(request -> null);
    Run resumed = read(connector, failed.nextStateFile());

    assertEquals(0, resumed.exitCode(), resumed.stdout());
    List<String> reread = resumed.recordKeys().stream()
        .filter(key -> !key.startsWith(FAILING + " ")).toList();
    assertTrue(reread.stream().allMatch(key -> key.endsWith(" 2024-03-13")),
        "nothing final is read again, only today's bars: " + reread);
    assertEquals(DAYS.stream().map(d -> FAILING + " " + d).toList(), resumed.recordKeys().stream()
        .filter(key -> key.startsWith(FAILING + " ")).toList());
    assertEquals("2024-03-12", resumed.lastStreamState().path("tickers").path(FAILING).asText());
    assertFalse(resumed.logs().stream().anyMatch(l -> l.contains("given up")));
  }

  @Test
  void threeTickersInARowFailingIsAnOutageAndStopsTheRead() {
    TICKERS.forEach(ticker -> polygon.bars(ticker, "2024-03-12=10"));
    List<String> down = TICKERS.subList(1, 4);
    polygon.override(request -> down.stream()
        .anyMatch(t -> request.getUrl().encodedPath().contains("/" + t + "/"))
        ? json(503, "{\"status\":\"ERROR\",\"error\":\"down\"}") : null);

    Run run = read(new Connector(dir, WEDNESDAY), null);

    assertEquals(1, run.exitCode());
    assertEquals(List.of("AAPL 2024-03-12"), run.recordKeys(), "nothing after the third failure");
    String message = run.error().get("message").asText();
    assertTrue(message.startsWith("stock_prices stopped after 3 tickers in a row failed"), message);
    down.forEach(t -> assertTrue(message.contains(t + ": "), message));
    assertEquals("transient_error", run.error().get("failure_type").asText());
  }

  @Test
  void aRejectedKeyAfterAFailedTickerIsTheErrorAndStopsTheRead() {
    TICKERS.forEach(ticker -> polygon.bars(ticker, "2024-03-12=10"));
    polygon.override(request -> {
      String path = request.getUrl().encodedPath();
      return path.contains("/" + FAILING + "/") ? json(500, "{\"status\":\"ERROR\"}")
          : path.contains("/NVDA/") ? json(401, "{\"status\":\"ERROR\",\"error\":"
              + "\"Unknown API Key\"}") : null;
    });

    Run run = read(new Connector(dir, WEDNESDAY), null);

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().startsWith("The API key is invalid"),
        run.error().toString());
    assertEquals(List.of("AAPL 2024-03-12", "MSFT 2024-03-12"), run.recordKeys(),
        "nothing after the rejected key");
  }
}
