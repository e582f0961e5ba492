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
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every market Polygon serves, through the real entry point, with response bodies shaped as
 * Polygon's API documentation records them (../shared/docs/polygon-reference-and-intraday.md §6).
 */
class MarketsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private Run read(Instant now, String tickers, String window, String mode, String extra) {
    Connector connector = new Connector(dir, now);
    String config = connector.file("config.json", String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"%s\",%s,\"base_url\":\"%s\"%s}",
        tickers, window, polygon.baseUrl(), extra));
    String catalog = Path.of(mode + "_configured_catalog.json").toAbsolutePath().toString();
    return connector.run("read", "--config", config, "--catalog", catalog);
  }

  private List<String> requestedPaths() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getUrl().encodedPath());
    }
    return paths;
  }

  @ParameterizedTest(name = "request_strategy {0}")
  @ValueSource(strings = {"per_ticker", "grouped_daily"})
  void aPreferredShareIsSentAsWrittenAndALowerCaseTickerUpperCased(String strategy)
      throws Exception {
    polygon.bars("KIMpL", "2024-03-11=21", "2024-03-12=22").bars("TSLA", "2024-03-12=180");

    Run run = read(Instant.parse("2024-03-13T15:00:00Z"), "KIMpL, tsla",
        "\"start_date\":\"2024-03-11\",\"end_date\":\"2024-03-12\"", "fullrefresh",
        ",\"request_strategy\":\"" + strategy + "\"");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("KIMpL 2024-03-11", "KIMpL 2024-03-12", "TSLA 2024-03-12"),
        run.recordKeys());
    List<String> paths = requestedPaths();
    if (strategy.equals("per_ticker")) {
      assertEquals(List.of("/v2/aggs/ticker/KIMpL/range/1/day/2024-03-11/2024-03-12",
          "/v2/aggs/ticker/TSLA/range/1/day/2024-03-11/2024-03-12"), paths);
    } else {
      assertTrue(paths.stream().allMatch(p -> p.startsWith("/v2/aggs/grouped/")), paths.toString());
    }
  }

  @Test
  void aStateWrittenByTheVersionThatUpperCasedEveryTickerStillResumes() throws Exception {
    polygon.bars("TSLA", "2024-03-11=170", "2024-03-12=180");
    Connector connector = new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"tsla\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\"}",
        polygon.baseUrl()));
    Run run = connector.run("read", "--config", config, "--catalog",
        Path.of("incremental_configured_catalog.json").toAbsolutePath().toString(), "--state",
        connector.file("state.json",
            "{\"stock_prices\":{\"date\":\"2024-03-11\",\"tickers\":{\"TSLA\":\"2024-03-11\"}}}"));

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("TSLA 2024-03-12"), run.recordKeys());
  }

  @Test
  void indexBarsWithoutVolumeHaveNullsAndTheirNewYorkDates() throws Exception {
    // SPEC26's I:NDX example: o h l c t only, t at 06:00Z (01:00 in New York), count not
    // resultsCount.
    polygon.override(request -> json(200, "{\"count\":2,\"queryCount\":2,\"request_id\":"
        + "\"0cf72b6da685bcd386548ffe2895904a\",\"status\":\"OK\",\"ticker\":\"I:NDX\",\"results\":["
        + "{\"c\":11995.88235998666,\"h\":12340.44936267155,\"l\":11970.34221717375,"
        + "\"o\":12230.83658266843,\"t\":1678341600000},"
        + "{\"c\":11830.28178808306,\"h\":12069.62262033557,\"l\":11789.85923449393,"
        + "\"o\":12001.69552583921,\"t\":1678428000000}]}"));

    Run run = read(Instant.parse("2023-03-13T15:00:00Z"), "I:NDX",
        "\"start_date\":\"2023-03-09\",\"end_date\":\"2023-03-10\"", "fullrefresh", "");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(JSON.readTree("{\"date\":\"2023-03-09\",\"stock_ticker\":\"I:NDX\","
        + "\"price\":11995.88235998666,\"open\":12230.83658266843,\"high\":12340.44936267155,"
        + "\"low\":11970.34221717375,\"close\":11995.88235998666,\"volume\":null,\"vwap\":null,"
        + "\"transactions\":null}"), run.records().get(0));
    assertEquals(List.of("I:NDX 2023-03-09", "I:NDX 2023-03-10"), run.recordKeys());
    assertEquals(List.of("/v2/aggs/ticker/I:NDX/range/1/day/2023-03-09/2023-03-10"),
        requestedPaths());
  }

  @Test
  void aForexDayIsTheUtcDayItsBarStartsOn() throws Exception {
    // SPEC26's C:EURUSD example, verbatim: t = 2021-07-22T00:00Z, the evening before in New York.
    polygon.override(request -> json(200, "{\"adjusted\":true,\"queryCount\":1,\"request_id\":"
        + "\"79c061995d8b627b736170bc9653f15d\",\"results\":[{\"c\":1.17721,\"h\":1.18305,"
        + "\"l\":1.1756,\"n\":125329,\"o\":1.17921,\"t\":1626912000000,\"v\":125329,"
        + "\"vw\":1.1789}],\"resultsCount\":1,\"status\":\"OK\",\"ticker\":\"C:EURUSD\"}"));

    Run run = read(Instant.parse("2021-07-23T15:00:00Z"), "C:EURUSD",
        "\"start_date\":\"2021-07-22\",\"end_date\":\"2021-07-22\"", "fullrefresh", "");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(JSON.readTree("{\"date\":\"2021-07-22\",\"stock_ticker\":\"C:EURUSD\","
        + "\"price\":1.17721,\"open\":1.17921,\"high\":1.18305,\"low\":1.1756,\"close\":1.17721,"
        + "\"volume\":125329,\"vwap\":1.1789,\"transactions\":125329}"), run.records().get(0));
    assertEquals(1, run.records().size());
  }

  @Test
  void aCryptoWeekendIsReadAndItsDayIsFinalOnceTheUtcDayIsOver() throws Exception {
    // The X:BTCUSD bars of 2024-01-04..06 at 00:00Z (the 6th is a Saturday), as Polygon served
    // them in a 2024 answer with its staff replying.
    polygon.override(request -> json(200, "{\"ticker\":\"X:BTCUSD\",\"status\":\"OK\",\"results\":["
        + "{\"v\":9000.5,\"vw\":43000.1,\"o\":42800,\"c\":44100,\"h\":44700,\"l\":42600,"
        + "\"t\":1704326400000,\"n\":170000},"
        + "{\"v\":8000.25,\"vw\":44000.2,\"o\":44100,\"c\":44180,\"h\":44300,\"l\":43200,"
        + "\"t\":1704412800000,\"n\":160000},"
        + "{\"v\":7422.341112331486,\"vw\":43857.4888,\"o\":44179.9,\"c\":44018,\"h\":44263,"
        + "\"l\":43436.5,\"t\":1704499200000,\"n\":180768}]}"));

    // Sunday 2024-01-07 02:00 UTC: still Saturday evening in New York, but Saturday is over in UTC.
    Run run = read(Instant.parse("2024-01-07T02:00:00Z"), "X:BTCUSD",
        "\"start_date\":\"2024-01-04\"", "incremental", "");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("X:BTCUSD 2024-01-04", "X:BTCUSD 2024-01-05", "X:BTCUSD 2024-01-06"),
        run.recordKeys());
    assertEquals("2024-01-06", run.lastStreamState().at("/tickers/X:BTCUSD").asText());
    assertEquals(List.of("/v2/aggs/ticker/X:BTCUSD/range/1/day/2024-01-04/2024-01-07"),
        requestedPaths(), "the window runs to today in UTC");
  }

  @Test
  void aWeekendWindowOfAnIndexIsNotRequestedButACryptoOneIs() throws Exception {
    polygon.override(request -> json(200, "{\"status\":\"OK\",\"resultsCount\":0}"));

    Run run = read(Instant.parse("2024-01-08T15:00:00Z"), "I:SPX, X:BTCUSD",
        "\"start_date\":\"2024-01-06\",\"end_date\":\"2024-01-07\"", "fullrefresh", "");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("/v2/aggs/ticker/X:BTCUSD/range/1/day/2024-01-06/2024-01-07"),
        requestedPaths());
  }

  @Test
  void barsOutsideTheWindowAndRepeatedDaysAreDroppedAndCounted() throws Exception {
    long day = 86_400_000L;
    long mar11 = Instant.parse("2024-03-11T04:00:00Z").toEpochMilli(); // New York midnight
    String bar = "{\"v\":1,\"vw\":1,\"o\":1,\"c\":%d,\"h\":1,\"l\":1,\"t\":%d,\"n\":1}";
    polygon.override(request -> json(200, "{\"status\":\"OK\",\"resultsCount\":4,\"results\":["
        + String.format(bar, 9, mar11 - 3 * day) + "," + String.format(bar, 11, mar11) + ","
        + String.format(bar, 99, mar11) + "," + String.format(bar, 12, mar11 + day) + "]}"));

    Run run = read(Instant.parse("2024-03-13T15:00:00Z"), "AAPL",
        "\"start_date\":\"2024-03-11\",\"end_date\":\"2024-03-12\"", "fullrefresh", "");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("AAPL 2024-03-11", "AAPL 2024-03-12"), run.recordKeys());
    assertEquals(11, run.records().get(0).get("close").asInt(), "the first of a repeated day");
    List<String> warnings = run.ofType("LOG").stream()
        .filter(m -> m.at("/log/level").asText().equals("WARN"))
        .map(m -> m.at("/log/message").asText()).toList();
    assertEquals(List.of("AAPL: dropped 1 bar(s) outside the requested window 2024-03-11 to "
        + "2024-03-12 and 1 repeated bar(s) (the same day again in one answer)"), warnings);
  }

  @Test
  void aGroupedAnswerWithATickerTwiceIsCountedToo() throws Exception {
    long fourPm = Instant.parse("2024-03-12T20:00:00Z").toEpochMilli();
    String bar = "{\"T\":\"%s\",\"v\":1,\"vw\":1,\"o\":1,\"c\":%d,\"h\":1,\"l\":1,\"t\":" + fourPm
        + ",\"n\":1}";
    polygon.override(request -> json(200, "{\"status\":\"OK\",\"resultsCount\":3,\"results\":["
        + String.format(bar, "AAPL", 1) + "," + String.format(bar, "MSFT", 2) + ","
        + String.format(bar, "AAPL", 3) + "]}"));

    Run run = read(Instant.parse("2024-03-13T15:00:00Z"), "AAPL, MSFT",
        "\"start_date\":\"2024-03-12\",\"end_date\":\"2024-03-12\"", "fullrefresh",
        ",\"request_strategy\":\"grouped_daily\"");

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("AAPL 2024-03-12", "MSFT 2024-03-12"), run.recordKeys());
    assertTrue(run.logs().contains("AAPL: dropped 0 bar(s) outside the requested window "
        + "2024-03-12 to 2024-03-12 and 1 repeated bar(s) (the same day again in one answer)"),
        run.logs().toString());
  }
}
