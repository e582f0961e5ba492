package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static dev.stockticker.support.Intraday.bar;
import static dev.stockticker.support.Intraday.millis;
import static dev.stockticker.support.Intraday.page;
import static dev.stockticker.support.Intraday.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Intraday;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intraday_prices stream's records, requests, catalog entry and options, for every bar
 * timespan and market, through the real entry point on a fixed clock.
 */
class IntradayPricesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY = "?adjusted=true&sort=asc&limit=50000";

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private Intraday intraday() {
    return new Intraday(dir, polygon);
  }

  /** Answers every request with one page of {@code bars}. */
  private void answer(String... bars) {
    polygon.override(request -> json(200, page(null, List.of(bars))));
  }

  private static String range(String ticker, String size, String from, String to) {
    return "/v2/aggs/ticker/" + ticker + "/range/" + size + "/" + millis(from) + "/" + millis(to)
        + QUERY;
  }

  @Test
  void thePolygonDocumentedMinuteBodyBecomesTheseRecords() throws Exception {
    // §5's NFG minute bars of 2019-12-12, 14:47 and 14:48 in New York, verbatim but for its
    // next_url (it names the real host, which the connector would refuse to follow).
    polygon.override(request -> json(200, "{\"ticker\":\"NFG\",\"status\":\"OK\",\"adjusted\":true,"
        + "\"queryCount\":2,\"resultsCount\":2,\"request_id\":\"…\",\"results\":[{\"v\":1061,"
        + "\"vw\":45.9794,\"o\":46.01,\"c\":45.9627,\"h\":46.01,\"l\":45.9627,"
        + "\"t\":1576180020000,\"n\":12},{\"v\":1347,\"vw\":45.9646,\"o\":45.97,\"c\":45.95,"
        + "\"h\":45.97,\"l\":45.95,\"t\":1576180080000,\"n\":26}]}"));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2019-12-13T15:00:00Z"), "NFG",
        ",\"start_date\":\"2019-12-12\",\"end_date\":\"2019-12-12\"", "full_refresh", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(JSON.readTree("{\"stock_ticker\":\"NFG\",\"timestamp\":"
            + "\"2019-12-12T19:47:00Z\",\"date\":\"2019-12-12\",\"session\":\"regular\","
            + "\"open\":46.01,\"high\":46.01,\"low\":45.9627,\"close\":45.9627,\"volume\":1061,"
            + "\"vwap\":45.9794,\"transactions\":12,\"multiplier\":1,\"timespan\":\"minute\"}"),
        JSON.readTree("{\"stock_ticker\":\"NFG\",\"timestamp\":\"2019-12-12T19:48:00Z\","
            + "\"date\":\"2019-12-12\",\"session\":\"regular\",\"open\":45.97,\"high\":45.97,"
            + "\"low\":45.95,\"close\":45.95,\"volume\":1347,\"vwap\":45.9646,\"transactions\":26,"
            + "\"multiplier\":1,\"timespan\":\"minute\"}")), run.records());
    assertTrue(run.stdout().contains("\"vwap\":45.9794,"), "numbers pass digit for digit");
    Intraday.assertRecordsMatchTheSchema(run);
    // New York's 2019-12-12, from its midnight (EST) to the last millisecond before the next.
    assertEquals(List.of(range("NFG", "1/minute", "2019-12-12T05:00:00Z",
        "2019-12-13T04:59:59.999Z")), intraday.requests());
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), run.streamStatuses());
    assertEquals(JSON.readTree("{\"date\":\"2019-12-12\",\"bar_sizes\":{\"1/minute\":"
        + "{\"tickers\":{\"NFG\":\"2019-12-12\"},\"first_synced\":{\"NFG\":\"2019-12-12\"},"
        + "\"adjusted_through\":{\"NFG\":\"2019-12-13\"}}}}"), run.lastStreamState());
  }

  @Test
  void minuteBarsAcrossTheSpringDaylightSavingChange() throws Exception {
    // Friday 2024-03-08 is EST (UTC-5); the clocks went forward on Sunday the 10th, so Monday
    // the 11th is EDT (UTC-4): the same New York times are an hour earlier in UTC.
    answer(bar("2024-03-08T09:00:00Z", 10), bar("2024-03-08T14:29:00Z", 11),
        bar("2024-03-08T14:30:00Z", 12), bar("2024-03-08T20:59:00Z", 13),
        bar("2024-03-08T21:00:00Z", 14), bar("2024-03-09T00:59:00Z", 15),
        bar("2024-03-11T08:00:00Z", 16), bar("2024-03-11T13:29:00Z", 17),
        bar("2024-03-11T13:30:00Z", 18), bar("2024-03-11T19:59:00Z", 19),
        bar("2024-03-11T20:00:00Z", 20));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2024-03-12T15:00:00Z"), "AAPL",
        ",\"start_date\":\"2024-03-08\",\"end_date\":\"2024-03-11\"", "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(
        "AAPL 2024-03-08T09:00:00Z 2024-03-08 pre 10",
        "AAPL 2024-03-08T14:29:00Z 2024-03-08 pre 11",
        "AAPL 2024-03-08T14:30:00Z 2024-03-08 regular 12",
        "AAPL 2024-03-08T20:59:00Z 2024-03-08 regular 13",
        "AAPL 2024-03-08T21:00:00Z 2024-03-08 post 14",
        "AAPL 2024-03-09T00:59:00Z 2024-03-08 post 15",
        "AAPL 2024-03-11T08:00:00Z 2024-03-11 pre 16",
        "AAPL 2024-03-11T13:29:00Z 2024-03-11 pre 17",
        "AAPL 2024-03-11T13:30:00Z 2024-03-11 regular 18",
        "AAPL 2024-03-11T19:59:00Z 2024-03-11 regular 19",
        "AAPL 2024-03-11T20:00:00Z 2024-03-11 post 20"), rows(run));
    assertEquals(JSON.readTree("{\"stock_ticker\":\"AAPL\",\"timestamp\":\"2024-03-08T14:30:00Z\","
        + "\"date\":\"2024-03-08\",\"session\":\"regular\",\"open\":11,\"high\":14,\"low\":10,"
        + "\"close\":12,\"volume\":1200,\"vwap\":12.5,\"transactions\":12,\"multiplier\":1,"
        + "\"timespan\":\"minute\"}"), run.records().get(2));
    Intraday.assertRecordsMatchTheSchema(run);
    assertEquals(List.of(range("AAPL", "1/minute", "2024-03-08T05:00:00Z",
        "2024-03-12T03:59:59.999Z")), intraday.requests(), "Friday 00:00 EST to Monday 24:00 EDT");
    assertEquals("2024-03-11", run.lastStreamState().at("/bar_sizes/1~1minute/tickers/AAPL")
        .asText());
  }

  @Test
  void hourBarsAcrossTheFallDaylightSavingChangeAndAHalfDay() throws Exception {
    // Friday 2024-11-01 is EDT; the clocks went back on Sunday the 3rd, so Monday the 4th is
    // EST. Friday the 29th, after Thanksgiving, closes at 13:00. An hour bar is in the session it
    // starts in, so the 09:00 bar is pre-market.
    answer(bar("2024-11-01T08:00:00Z", 30), bar("2024-11-01T13:00:00Z", 31),
        bar("2024-11-01T14:00:00Z", 32), bar("2024-11-01T20:00:00Z", 33),
        bar("2024-11-04T14:00:00Z", 34), bar("2024-11-04T15:00:00Z", 35),
        bar("2024-11-04T20:00:00Z", 36), bar("2024-11-04T21:00:00Z", 37),
        bar("2024-11-29T17:00:00Z", 38), bar("2024-11-29T18:00:00Z", 39),
        bar("2024-11-30T00:00:00Z", 40));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2024-12-02T15:00:00Z"), "AAPL",
        ",\"start_date\":\"2024-11-01\",\"end_date\":\"2024-11-29\",\"intraday_timespan\":\"hour\"",
        "full_refresh", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(
        "AAPL 2024-11-01T08:00:00Z 2024-11-01 pre 30",
        "AAPL 2024-11-01T13:00:00Z 2024-11-01 pre 31",
        "AAPL 2024-11-01T14:00:00Z 2024-11-01 regular 32",
        "AAPL 2024-11-01T20:00:00Z 2024-11-01 post 33",
        "AAPL 2024-11-04T14:00:00Z 2024-11-04 pre 34",
        "AAPL 2024-11-04T15:00:00Z 2024-11-04 regular 35",
        "AAPL 2024-11-04T20:00:00Z 2024-11-04 regular 36",
        "AAPL 2024-11-04T21:00:00Z 2024-11-04 post 37",
        "AAPL 2024-11-29T17:00:00Z 2024-11-29 regular 38",
        "AAPL 2024-11-29T18:00:00Z 2024-11-29 post 39",
        "AAPL 2024-11-30T00:00:00Z 2024-11-29 post 40"), rows(run));
    assertTrue(run.records().stream().allMatch(r -> r.get("multiplier").asInt() == 1
        && r.get("timespan").asText().equals("hour")));
    Intraday.assertRecordsMatchTheSchema(run);
    assertEquals(List.of(range("AAPL", "1/hour", "2024-11-01T04:00:00Z",
        "2024-11-30T04:59:59.999Z")), intraday.requests());
  }

  @Test
  void thirtySecondBarsAroundTheOpen() throws Exception {
    answer(bar("2024-03-12T13:29:30Z", 50), bar("2024-03-12T13:30:00Z", 51),
        bar("2024-03-12T13:30:30Z", 52));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2024-03-13T15:00:00Z"), "MSFT",
        ",\"start_date\":\"2024-03-12\",\"end_date\":\"2024-03-12\",\"intraday_multiplier\":30,"
            + "\"intraday_timespan\":\"second\"", "full_refresh", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("MSFT 2024-03-12T13:29:30Z 2024-03-12 pre 50",
        "MSFT 2024-03-12T13:30:00Z 2024-03-12 regular 51",
        "MSFT 2024-03-12T13:30:30Z 2024-03-12 regular 52"), rows(run));
    assertTrue(run.records().stream().allMatch(r -> r.get("multiplier").asInt() == 30
        && r.get("timespan").asText().equals("second")));
    Intraday.assertRecordsMatchTheSchema(run);
    assertEquals(List.of(range("MSFT", "30/second", "2024-03-12T04:00:00Z",
        "2024-03-13T03:59:59.999Z")), intraday.requests());
  }

  @Test
  void cryptoWeekendBarsHaveUtcDaysAndNoSessionWhileAStockWeekendIsNotRequested()
      throws Exception {
    // Saturday and Sunday 2024-01-06/07 in UTC; at 02:00 UTC on Monday it is still Sunday
    // evening in New York, so the crypto Sunday is over and the stock one is not.
    answer(bar("2024-01-06T00:00:00Z", 44000), bar("2024-01-06T23:59:00Z", 44001),
        bar("2024-01-07T00:00:00Z", 44002), bar("2024-01-07T23:59:00Z", 44003));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2024-01-08T02:00:00Z"), "X:BTCUSD, AAPL",
        ",\"start_date\":\"2024-01-06\",\"end_date\":\"2024-01-07\"", "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("X:BTCUSD 2024-01-06T00:00:00Z 2024-01-06 null 44000",
        "X:BTCUSD 2024-01-06T23:59:00Z 2024-01-06 null 44001",
        "X:BTCUSD 2024-01-07T00:00:00Z 2024-01-07 null 44002",
        "X:BTCUSD 2024-01-07T23:59:00Z 2024-01-07 null 44003"), rows(run));
    assertTrue(run.records().get(0).get("session").isNull());
    Intraday.assertRecordsMatchTheSchema(run);
    assertEquals(List.of(range("X:BTCUSD", "1/minute", "2024-01-06T00:00:00Z",
        "2024-01-07T23:59:59.999Z")), intraday.requests(), "UTC days; no request for AAPL");
    // AAPL's Sunday is not over in New York; its Saturday is, and had nothing to read.
    assertEquals(JSON.readTree("{\"date\":\"2024-01-06\",\"bar_sizes\":{\"1/minute\":{\"tickers\":"
        + "{\"AAPL\":\"2024-01-06\",\"X:BTCUSD\":\"2024-01-07\"},\"first_synced\":{\"AAPL\":"
        + "\"2024-01-06\",\"X:BTCUSD\":\"2024-01-06\"},\"adjusted_through\":{\"AAPL\":"
        + "\"2024-01-07\"}}}}"), run.lastStreamState());
    assertTrue(run.logs().contains("AAPL: no trading day from 2024-01-06 to 2024-01-07, nothing "
        + "to request; cursor 2024-01-06"), run.logs().toString());
  }

  @Test
  void indexBarsWithoutVolumeHaveNullsAndNewYorkSessions() throws Exception {
    // Index aggregates carry only o, h, l, c and t (SPEC26's I:NDX example).
    polygon.override(request -> json(200, "{\"ticker\":\"I:SPX\",\"status\":\"OK\","
        + "\"results\":[{\"c\":5150.25,\"h\":5151.5,\"l\":5149.75,\"o\":5150,"
        + "\"t\":" + millis("2024-03-12T13:30:00Z") + "}]}"));

    Run run = intraday().read(Instant.parse("2024-03-13T15:00:00Z"), "I:SPX",
        ",\"start_date\":\"2024-03-12\",\"end_date\":\"2024-03-12\"", "full_refresh", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(JSON.readTree("{\"stock_ticker\":\"I:SPX\",\"timestamp\":"
        + "\"2024-03-12T13:30:00Z\",\"date\":\"2024-03-12\",\"session\":\"regular\","
        + "\"open\":5150,\"high\":5151.5,\"low\":5149.75,\"close\":5150.25,\"volume\":null,"
        + "\"vwap\":null,\"transactions\":null,\"multiplier\":1,\"timespan\":\"minute\"}"),
        run.records().get(0));
    Intraday.assertRecordsMatchTheSchema(run);
  }

  @Test
  void theNextTickersFirstRequestIsSentAheadAndTakenOver() throws Exception {
    polygon.override(Intraday.serving(polygon, Map.of(
        "AAPL", Map.of("2024-03-12T14:00:00Z", 1), "MSFT", Map.of("2024-03-12T14:00:00Z", 2)),
        50_000));
    Intraday intraday = intraday();

    Run run = intraday.read(Instant.parse("2024-03-13T15:00:00Z"), "AAPL, MSFT",
        ",\"start_date\":\"2024-03-12\"", "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(2, intraday.requests().size(),
        "MSFT's request, sent while AAPL's answer was read, is the one MSFT's read took over");
    assertTrue(run.logs().contains("Read 2 record(s) of intraday_prices in 2 request(s)"),
        run.logs().toString());
  }

  @Test
  void discoverListsTheStreamWithItsKeyCursorAndSchema() throws Exception {
    Connector connector = new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
    String config = connector.file("config.json",
        "{\"api_key\":\"secret-key\",\"stock_ticker\":\"TSLA\"}");

    JsonNode streams = connector.run("discover", "--config", config).only("CATALOG")
        .at("/catalog/streams");

    JsonNode stream = streams.get(1);
    assertEquals("intraday_prices", stream.get("name").asText());
    assertEquals(JSON.readTree("[[\"stock_ticker\"],[\"multiplier\"],[\"timespan\"],"
        + "[\"timestamp\"]]"), stream.get("source_defined_primary_key"));
    assertEquals(JSON.readTree("[\"timestamp\"]"), stream.get("default_cursor_field"));
    assertEquals(JSON.readTree("[\"full_refresh\",\"incremental\"]"),
        stream.get("supported_sync_modes"));
    assertTrue(stream.get("source_defined_cursor").asBoolean());
    assertTrue(stream.get("is_resumable").asBoolean());
    JsonNode properties = stream.at("/json_schema/properties");
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("stock_ticker", "timestamp", "date", "session", "open", "high", "low",
        "close", "volume", "vwap", "transactions", "multiplier", "timespan"), names);
    ObjectNode timestamp = properties.get("timestamp").deepCopy();
    timestamp.remove("description");
    assertEquals(JSON.readTree("{\"type\":\"string\",\"format\":\"date-time\","
        + "\"airbyte_type\":\"timestamp_with_timezone\"}"), timestamp);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "intraday_multiplier|0|a whole number from 1 to 60, got 0",
      "intraday_multiplier|61|a whole number from 1 to 60, got 61",
      "intraday_multiplier|2.5|a whole number from 1 to 60, got 2.5",
      "intraday_timespan|\"day\"|one of \"second\", \"minute\", \"hour\", got day",
      "intraday_timespan|5|a string, got 5"})
  void anInvalidBarSizeIsAConfigErrorNamingTheField(String field, String value, String expected) {
    Run run = intraday().read(Instant.parse("2024-03-13T15:00:00Z"), "AAPL",
        ",\"" + field + "\":" + value, "incremental", null);

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    String message = run.error().get("message").asText();
    assertTrue(message.contains("has an invalid " + field + ": expected " + expected + "."),
        message);
    assertEquals(0, polygon.server().getRequestCount());
  }

  @Test
  void theBarSizeFieldsAreKnownToTheConfig() {
    answer();
    Run run = intraday().read(Instant.parse("2024-03-13T15:00:00Z"), "AAPL",
        ",\"intraday_multiplier\":5,\"intraday_timespan\":\"minute\",\"mystery\":1",
        "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    List<String> warnings = run.ofType("LOG").stream()
        .filter(m -> m.at("/log/level").asText().equals("WARN"))
        .map(m -> m.at("/log/message").asText()).toList();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("\"mystery\""), warnings.toString());
  }
}
