package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** intraday_prices follows the split rule of stock_prices, per bar size. */
class IntradaySplitTest {
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  @Test
  void aSplitReReadsTheTickersMinuteBarsFromTheirFirstDay() throws Exception {
    polygon.override(request -> request.getUrl().encodedPath().equals("/stocks/v1/splits")
        ? json(200, "{\"status\":\"OK\",\"results\":[{\"adjustment_type\":\"forward_split\","
            + "\"execution_date\":\"2024-03-11\",\"id\":\"E1\",\"split_from\":1,\"split_to\":4,"
            + "\"ticker\":\"AAPL\"}]}")
        : json(200, "{\"status\":\"OK\",\"resultsCount\":0,\"results\":[]}"));
    Connector connector = new Connector(dir, WEDNESDAY);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL, MSFT\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\"}",
        polygon.baseUrl()));
    String catalog = connector.file("catalog.json", "{\"streams\":[{\"stream\":{\"name\":"
        + "\"intraday_prices\",\"json_schema\":{},\"supported_sync_modes\":[\"incremental\"]},"
        + "\"sync_mode\":\"incremental\",\"destination_sync_mode\":\"append_dedup\"}]}");
    String state = connector.file("state.json", "{\"intraday_prices\":{\"bar_sizes\":{"
        + "\"1/minute\":{\"tickers\":{\"AAPL\":\"2024-03-07\",\"MSFT\":\"2024-03-07\"},"
        + "\"first_synced\":{\"AAPL\":\"2024-03-05\",\"MSFT\":\"2024-03-05\"},"
        + "\"adjusted_through\":{\"AAPL\":\"2024-03-08\",\"MSFT\":\"2024-03-08\"}}}}}");

    Run run = connector.run("read", "--config", config, "--catalog", catalog, "--state", state);

    assertEquals(0, run.exitCode(), run.stdout());
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getUrl().encodedPath());
    }
    long march5 = Instant.parse("2024-03-05T05:00:00Z").toEpochMilli();
    long march8 = Instant.parse("2024-03-08T05:00:00Z").toEpochMilli();
    assertEquals("/stocks/v1/splits", paths.get(0));
    assertTrue(paths.contains("/v2/aggs/ticker/AAPL/range/1/minute/" + march5 + "/"
        + (Instant.parse("2024-03-14T04:00:00Z").toEpochMilli() - 1)), paths.toString());
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("/v2/aggs/ticker/MSFT/range/1/minute/"
        + march8 + "/")), "MSFT from its cursor: " + paths);
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("AAPL: 4-for-1 forward_split "
        + "executed 2024-03-11")), run.logs().toString());
    assertEquals("2024-03-13", run.lastStreamState()
        .at("/bar_sizes/1~1minute/adjusted_through/AAPL").asText());
  }
}
