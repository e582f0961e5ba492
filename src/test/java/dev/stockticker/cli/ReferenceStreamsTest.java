package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * splits, dividends and ticker_details through the real entry point, against bodies shaped as
 * Polygon's API specification shows them (../shared/docs/polygon-reference-and-intraday.md).
 */
class ReferenceStreamsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-03-13T15:00:00Z");
  /** SPEC26's splits example, verbatim (its request_id is a number). */
  static final String AAPL_SPLIT = "{\"adjustment_type\":\"forward_split\",\"execution_date\":"
      + "\"2005-02-28\",\"historical_adjustment_factor\":0.017857,\"id\":"
      + "\"E90a77bdf742661741ed7c8fc086415f0457c2816c45899d73aaa88bdc8ff6025\",\"split_from\":1,"
      + "\"split_to\":2,\"ticker\":\"AAPL\"}";
  /** SPEC26's dividends example, verbatim. */
  private static final String AAPL_DIVIDEND = "{\"cash_amount\":0.26,\"currency\":\"USD\","
      + "\"declaration_date\":\"2025-07-31\",\"distribution_type\":\"recurring\","
      + "\"ex_dividend_date\":\"2025-08-11\",\"frequency\":4,\"historical_adjustment_factor\":"
      + "0.997899,\"id\":\"Ed2c9da60abda1e3f0e99a43f6465863c137b671e1f5cd3f833d1fcb4f4eb27fe\","
      + "\"pay_date\":\"2025-08-14\",\"record_date\":\"2025-08-11\",\"split_adjusted_cash_amount\":"
      + "0.26,\"ticker\":\"AAPL\"}";
  /** SPEC26's ticker details example (trimmed there), with an address the stream ignores. */
  private static final String AAPL_DETAILS = "{\"request_id\":\"31d59dda-80e5-4721-8496-"
      + "d0d32a654afe\",\"status\":\"OK\",\"results\":{\"ticker\":\"AAPL\",\"name\":\"Apple Inc.\","
      + "\"market\":\"stocks\",\"locale\":\"us\",\"type\":\"CS\",\"active\":true,\"currency_name\":"
      + "\"usd\",\"primary_exchange\":\"XNAS\",\"cik\":\"0000320193\",\"composite_figi\":"
      + "\"BBG000B9XRY4\",\"share_class_figi\":\"BBG001S5N8V8\",\"list_date\":\"1980-12-12\","
      + "\"market_cap\":2771126040150,\"share_class_shares_outstanding\":16406400000,"
      + "\"weighted_shares_outstanding\":16334371000,\"sic_code\":\"3571\",\"sic_description\":"
      + "\"ELECTRONIC COMPUTERS\",\"total_employees\":154000,\"address\":{\"city\":\"Cupertino\"}}}";

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private Run read(String tickers, String... streams) {
    Connector connector = new Connector(dir, NOW);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"%s\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\"}", tickers,
        polygon.baseUrl()));
    String catalog = connector.file("catalog.json", "{\"streams\":[" + List.of(streams).stream()
        .map(s -> "{\"stream\":{\"name\":\"" + s + "\",\"json_schema\":{},\"supported_sync_modes\":"
            + "[\"full_refresh\"]},\"sync_mode\":\"full_refresh\",\"destination_sync_mode\":"
            + "\"overwrite\"}").collect(Collectors.joining(",")) + "]}");
    return connector.run("read", "--config", config, "--catalog", catalog);
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }

  private static MockResponse page(String results, String nextUrl) {
    return json(200, "{\"request_id\":1,\"results\":[" + results + "],\"status\":\"OK\""
        + (nextUrl == null ? "" : ",\"next_url\":\"" + nextUrl + "\"") + "}");
  }

  @Test
  void splitsOfTheStockTickersWithTheirNumbersAsSent() throws Exception {
    polygon.override(request -> page(AAPL_SPLIT, null));

    Run run = read("AAPL, X:BTCUSD, MSFT", "splits");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(JSON.readTree("{\"stock_ticker\":\"AAPL\",\"id\":\"E90a77bdf742661741ed7c"
        + "8fc086415f0457c2816c45899d73aaa88bdc8ff6025\",\"execution_date\":\"2005-02-28\","
        + "\"split_from\":1,\"split_to\":2,\"adjustment_type\":\"forward_split\","
        + "\"historical_adjustment_factor\":0.017857}")), run.records());
    assertTrue(run.stdout().contains("\"historical_adjustment_factor\":0.017857"), "digit for digit");
    List<RecordedRequest> requests = requests();
    assertEquals(1, requests.size());
    assertEquals("/stocks/v1/splits", requests.get(0).getUrl().encodedPath());
    assertEquals("AAPL,MSFT", requests.get(0).getUrl().queryParameter("ticker.any_of"));
    assertEquals("5000", requests.get(0).getUrl().queryParameter("limit"));
    assertEquals("Bearer test-key-123", requests.get(0).getHeaders().get("Authorization"));
    assertTrue(run.logs().contains("splits: Polygon's splits cover stocks only; left out "
        + "[X:BTCUSD]"), run.logs().toString());
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), run.streamStatuses());
    assertEquals("{}", run.lastStreamState().toString());
  }

  @Test
  void pagesAreFollowedAndLongTickerListsChunked() throws Exception {
    // 400 tickers of 30 characters: 181 of them fill a request's 6,000 characters of tickers.
    List<String> tickers = IntStream.rangeClosed(1, 400)
        .mapToObj(i -> String.format("T%029d", i)).toList();
    polygon.override(request -> {
      String cursor = request.getUrl().queryParameter("cursor");
      String first = request.getUrl().queryParameter("ticker.any_of").split(",")[0];
      String row = AAPL_SPLIT.replace("\"AAPL\"", "\"" + first + "\"")
          .replace("E90a", cursor == null ? "p1-" + first : "p2-" + first);
      return cursor != null ? page(row, null)
          : page(row, polygon.baseUrl() + "stocks/v1/splits?cursor=2&ticker.any_of="
              + request.getUrl().queryParameter("ticker.any_of") + "&limit=5000");
    });

    Run run = read(String.join(",", tickers), "splits");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(tickers.get(0), tickers.get(0), tickers.get(181), tickers.get(181),
        tickers.get(362), tickers.get(362)), run.records().stream()
        .map(r -> r.get("stock_ticker").asText()).toList());
    List<RecordedRequest> requests = requests();
    assertEquals(6, requests.size(), "three chunks, two pages each");
    assertEquals(181, requests.get(0).getUrl().queryParameter("ticker.any_of").split(",").length);
    assertEquals(38, requests.get(4).getUrl().queryParameter("ticker.any_of").split(",").length);
    assertEquals("2", requests.get(1).getUrl().queryParameter("cursor"));
    for (RecordedRequest request : requests.subList(0, 1)) {
      assertTrue(request.getUrl().toString().length() < 7_000, "a URL every proxy passes");
    }
  }

  @Test
  void dividendsWithNullDatesWhereTheyAreMissing() throws Exception {
    String special = AAPL_DIVIDEND.replace("\"declaration_date\":\"2025-07-31\",", "")
        .replace("\"recurring\"", "\"special\"").replace("\"frequency\":4", "\"frequency\":0")
        .replace("Ed2c", "Xd2c").replace("\"pay_date\":\"2025-08-14\"", "\"pay_date\":null");
    polygon.override(request -> page(AAPL_DIVIDEND + "," + special, null));

    Run run = read("AAPL", "dividends");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(JSON.readTree("{\"stock_ticker\":\"AAPL\",\"id\":\"Ed2c9da60abda1e3f0e99a43f6465"
        + "863c137b671e1f5cd3f833d1fcb4f4eb27fe\",\"ex_dividend_date\":\"2025-08-11\","
        + "\"record_date\":\"2025-08-11\",\"pay_date\":\"2025-08-14\",\"declaration_date\":"
        + "\"2025-07-31\",\"cash_amount\":0.26,\"split_adjusted_cash_amount\":0.26,"
        + "\"historical_adjustment_factor\":0.997899,\"currency\":\"USD\",\"frequency\":4,"
        + "\"distribution_type\":\"recurring\"}"), run.records().get(0));
    JsonNode second = run.records().get(1);
    assertTrue(second.get("declaration_date").isNull() && second.get("pay_date").isNull(),
        second.toString());
    assertEquals(0, second.get("frequency").asInt());
    assertEquals("/stocks/v1/dividends", requests().get(0).getUrl().encodedPath());
  }

  @Test
  void anEmptyAnswerIsACompleteStreamWithoutRecords() {
    polygon.override(request -> json(200, "{\"request_id\":\"x\",\"results\":[],\"status\":\"OK\"}"));

    Run run = read("AAPL", "splits", "dividends");

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(run.records().isEmpty());
    assertEquals(List.of("STARTED", "COMPLETE", "STARTED", "COMPLETE"), run.streamStatuses());
  }

  @Test
  void aBodyOfAnotherShapeIsRetriedThenASystemError() {
    polygon.override(request -> json(200, "{\"status\":\"OK\",\"results\":[1,2]}"));

    Run run = read("AAPL", "splits");

    assertEquals(1, run.exitCode());
    assertEquals("system_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("an element of \"results\" is not "
        + "an object"), run.error().toString());
    assertEquals(4, polygon.server().getRequestCount(), "retried like an unparsable body");
    assertEquals(List.of("STARTED", "INCOMPLETE"), run.streamStatuses());
  }

  @Test
  void aBodyCutShortIsRetriedAndThenRead() {
    int[] seen = {0};
    polygon.override(request -> seen[0]++ == 0
        ? json(200, "{\"request_id\":1,\"results\":[" + AAPL_SPLIT.substring(0, 40))
        : page(AAPL_SPLIT, null));

    Run run = read("AAPL", "splits");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(1, run.records().size());
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("cut short")), run.logs().toString());
  }

  @Test
  void tickerDetailsOneRequestPerTickerAndA404IsAWarningNotAFailure() throws Exception {
    polygon.override(request -> request.getUrl().encodedPath().endsWith("/AAPL")
        ? json(200, AAPL_DETAILS)
        : json(404, "{\"status\":\"NOT_FOUND\",\"request_id\":\"r\",\"message\":\"Ticker not found.\"}"));

    Run run = read("AAPL, NOPE", "ticker_details");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(JSON.readTree("{\"stock_ticker\":\"AAPL\",\"name\":\"Apple Inc.\","
        + "\"market\":\"stocks\",\"locale\":\"us\",\"type\":\"CS\",\"active\":true,"
        + "\"currency_name\":\"usd\",\"primary_exchange\":\"XNAS\",\"cik\":\"0000320193\","
        + "\"composite_figi\":\"BBG000B9XRY4\",\"share_class_figi\":\"BBG001S5N8V8\","
        + "\"list_date\":\"1980-12-12\",\"delisted_utc\":null,\"sic_code\":\"3571\","
        + "\"sic_description\":\"ELECTRONIC COMPUTERS\",\"market_cap\":2771126040150,"
        + "\"share_class_shares_outstanding\":16406400000,\"weighted_shares_outstanding\":"
        + "16334371000,\"total_employees\":154000,\"homepage_url\":null,\"description\":null}")),
        run.records());
    // Sent together (several may be in flight), so in either order at the server.
    assertEquals(java.util.Set.of("/v3/reference/tickers/AAPL", "/v3/reference/tickers/NOPE"),
        requests().stream().map(r -> r.getUrl().encodedPath())
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(2, polygon.server().getRequestCount());
    assertTrue(run.ofType("LOG").stream().anyMatch(m -> m.at("/log/level").asText().equals("WARN")
        && m.at("/log/message").asText().startsWith("NOPE: Polygon does not know this ticker")),
        run.logs().toString());
  }

  @Test
  void tickerDetailsOfAFailingTickerDoNotStopTheOthers() {
    polygon.override(request -> request.getUrl().encodedPath().endsWith("/MSFT")
        ? json(500, "{\"status\":\"ERROR\",\"error\":\"boom\"}") : json(200, AAPL_DETAILS));

    Run run = read("MSFT, AAPL", "ticker_details");

    assertEquals(1, run.exitCode());
    assertEquals(1, run.records().size());
    assertTrue(run.error().get("message").asText().startsWith("1 of 2 ticker(s) of "
        + "ticker_details failed"), run.error().toString());
    assertEquals("transient_error", run.error().get("failure_type").asText());
  }
}
