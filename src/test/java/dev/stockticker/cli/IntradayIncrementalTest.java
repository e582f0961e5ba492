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
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Intraday;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * intraday_prices over several reads: paging along next_url, the finality rule, exact resume
 * after a failure on any page boundary, repeated bars, ticker isolation and bar size changes.
 */
class IntradayIncrementalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Thursday 2024-03-14, 11:00 in New York: the 14th's bars exist but are not final. */
  private static final Instant THURSDAY = Instant.parse("2024-03-14T15:00:00Z");
  private static final String FROM_MONDAY = ",\"start_date\":\"2024-03-11\"";

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private Intraday intraday() {
    return new Intraday(dir, polygon);
  }

  /** Minute bars of AAPL Monday to Thursday, a day's pre-market, regular and post bars. */
  private static Map<String, Integer> aaplWeek() {
    Map<String, Integer> bars = new LinkedHashMap<>();
    bars.put("2024-03-11T13:00:00Z", 100); // 09:00 EDT
    bars.put("2024-03-11T14:00:00Z", 101);
    bars.put("2024-03-12T14:00:00Z", 102);
    bars.put("2024-03-12T15:00:00Z", 103);
    bars.put("2024-03-12T21:00:00Z", 104); // 17:00, after the close
    bars.put("2024-03-13T14:00:00Z", 105);
    bars.put("2024-03-13T15:00:00Z", 106);
    bars.put("2024-03-14T14:00:00Z", 107); // today
    return bars;
  }

  private static String cursor(Run run, String ticker) {
    return run.lastStreamState().at("/bar_sizes/1~1minute/tickers/" + ticker).asText();
  }

  @Test
  void pagesFollowNextUrlAndEachStateCoversOnlyDaysNoLaterPageCanContinue() throws Exception {
    polygon.override(Intraday.serving(polygon, Map.of("AAPL", aaplWeek()), 3));
    Intraday intraday = intraday();

    Run run = intraday.read(THURSDAY, "AAPL", FROM_MONDAY, "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of(100, 101, 102, 103, 104, 105, 106, 107),
        run.records().stream().map(r -> r.get("close").asInt()).toList());
    List<String> requests = intraday.requests();
    assertEquals(3, requests.size(), requests.toString());
    assertTrue(requests.get(1).endsWith("/" + millis("2024-03-12T15:00:00Z") + "/"
        + millis("2024-03-15T03:59:59.999Z") + "?cursor=c" + millis("2024-03-12T15:00:00Z")),
        "the second page is next_url as Polygon sent it: " + requests);
    // Page 1 ends on a bar of the 12th, which page 2 continues: only the 11th is complete.
    // Page 2 ends on the 13th, page 3 on today: complete through yesterday, not today.
    List<String> cursors = run.states().stream().map(s -> s.at(
        "/state/stream/stream_state/bar_sizes/1~1minute/tickers/AAPL").asText()).toList();
    assertEquals(List.of("2024-03-11", "2024-03-12", "2024-03-13"), cursors);
    assertEquals(List.of(3.0, 3.0, 2.0), run.states().stream()
        .map(s -> s.at("/state/sourceStats/recordCount").asDouble()).toList());
    assertEquals("2024-03-13", run.lastStreamState().get("date").asText());
    Intraday.assertRecordsMatchTheSchema(run);
  }

  @Test
  void todaysBarsAreEmittedAndReadAgainUntilTheirDayIsOver() throws Exception {
    Map<String, Integer> bars = aaplWeek();
    polygon.override(Intraday.serving(polygon, Map.of("AAPL", bars), 50_000));
    Intraday intraday = intraday();
    Connector connector = new Connector(dir, THURSDAY);

    Run first = intraday.read(connector, "AAPL", FROM_MONDAY, "incremental", null);
    assertEquals(8, first.records().size());
    assertEquals("2024-03-13", cursor(first, "AAPL"));
    intraday.requests();

    // Later that day a late trade changes today's bar and a new one comes.
    bars.put("2024-03-14T14:00:00Z", 207);
    bars.put("2024-03-14T19:00:00Z", 208);
    connector.clock().advance(Duration.ofHours(6));
    Run second = intraday.read(connector, "AAPL", FROM_MONDAY, "incremental",
        first.nextStateFile());
    assertEquals(List.of("AAPL 2024-03-14T14:00:00Z 2024-03-14 regular 207",
        "AAPL 2024-03-14T19:00:00Z 2024-03-14 regular 208"), rows(second));
    assertEquals("2024-03-13", cursor(second, "AAPL"), "today is not over");
    assertTrue(intraday.requests().get(0).contains("/range/1/minute/"
        + millis("2024-03-14T04:00:00Z") + "/"), "only today is read again");

    // The next morning the 14th is over: read once more, and final.
    connector.clock().advance(Duration.ofHours(18));
    Run third = intraday.read(connector, "AAPL", FROM_MONDAY, "incremental",
        second.nextStateFile());
    assertEquals(2, third.records().size());
    assertEquals("2024-03-14", cursor(third, "AAPL"));
    Run fourth = intraday.read(connector, "AAPL", FROM_MONDAY, "incremental",
        third.nextStateFile());
    assertEquals(0, fourth.records().size(), "nothing final is read twice");
  }

  @Test
  void aWindowWithoutBarsMovesTheCursorOverItsPastDaysAndAFutureStateStays() throws Exception {
    polygon.override(request -> json(200, "{\"ticker\":\"ZZZZ\",\"status\":\"OK\","
        + "\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true}"));
    Intraday intraday = intraday();

    Run empty = intraday.read(THURSDAY, "ZZZZ", FROM_MONDAY, "incremental",
        "{\"bar_sizes\":{\"1/minute\":{\"tickers\":{\"ZZZZ\":\"2024-03-08\"}}}}");
    assertEquals(0, empty.exitCode(), empty.stdout());
    assertEquals("2024-03-13", cursor(empty, "ZZZZ"), "no stall: the days over have no bars");
    assertEquals(1, intraday.requests().size());

    // CAT's abnormal state: a cursor in the future reads nothing and stays as it is.
    Run future = intraday.read(THURSDAY, "ZZZZ", FROM_MONDAY, "incremental",
        "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"intraday_prices\"},"
            + "\"stream_state\":{\"date\":\"2121-01-01\"}}}]");
    assertEquals(0, future.exitCode(), future.stdout());
    assertEquals(0, future.records().size());
    assertEquals(List.of(), intraday.requests());
    assertEquals(JSON.readTree("{\"date\":\"2121-01-01\",\"bar_sizes\":{\"1/minute\":"
        + "{\"tickers\":{\"ZZZZ\":\"2121-01-01\"},\"first_synced\":{\"ZZZZ\":\"2024-03-11\"},"
        + "\"adjusted_through\":{\"ZZZZ\":\"2024-03-14\"}}}}"), future.lastStreamState());
  }

  /**
   * The server fails every request after the N-th (N = 0..4: before the first, and after each
   * page of AAPL's three, whose pages end mid-day, and of MSFT's two). Resuming from the failed
   * run's last STATE reads nothing it made final, and the two runs hold exactly the bars of one
   * uninterrupted run. Paced, so no request is sent ahead and the N-th is the same every run.
   */
  @ParameterizedTest(name = "server fails after {0} request(s)")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void resumeAfterAFailureOnAnyPageBoundaryLosesNothingAndRereadsNothingFinal(int okRequests) {
    Map<String, Integer> msft = new LinkedHashMap<>();
    msft.put("2024-03-12T14:00:00Z", 400);
    msft.put("2024-03-13T14:00:00Z", 401);
    msft.put("2024-03-13T15:00:00Z", 402);
    msft.put("2024-03-14T14:00:00Z", 403);
    var serve = Intraday.serving(polygon, Map.of("AAPL", aaplWeek(), "MSFT", msft), 3);
    String config = FROM_MONDAY + ",\"requests_per_minute\":600";
    polygon.override(serve);
    Run uninterrupted = intraday().read(THURSDAY, "AAPL, MSFT", config, "incremental", null);
    assertEquals(5, polygon.server().getRequestCount());
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.stdout());

    AtomicInteger served = new AtomicInteger();
    polygon.override(request -> served.incrementAndGet() > okRequests
        ? json(503, "{\"status\":\"ERROR\",\"error\":\"down\"}") : serve.apply(request));
    Run failed = intraday().read(THURSDAY, "AAPL, MSFT", config, "incremental", null);
    assertEquals(1, failed.exitCode());
    assertEquals("transient_error", failed.error().get("failure_type").asText());
    assertEquals("INCOMPLETE", failed.streamStatuses().get(failed.streamStatuses().size() - 1));
    assertNoDuplicates(failed);
    assertEquals(failed.records().size(), failed.states().stream()
        .mapToLong(s -> (long) s.at("/state/sourceStats/recordCount").asDouble()).sum(),
        "every STATE counts exactly the records since the one before");

    polygon.override(serve);
    Run resumed = intraday().read(THURSDAY, "AAPL, MSFT", config, "incremental",
        failed.nextStateFile());
    assertEquals(0, resumed.exitCode(), resumed.stdout());
    assertNoDuplicates(resumed);
    Set<String> union = new HashSet<>(rows(failed));
    union.addAll(rows(resumed));
    assertEquals(new HashSet<>(rows(uninterrupted)), union);
    JsonNode cursors = failed.lastStreamState().at("/bar_sizes/1~1minute/tickers");
    for (JsonNode record : resumed.records()) {
      JsonNode cursor = cursors.get(record.get("stock_ticker").asText());
      assertTrue(cursor == null || record.get("date").asText().compareTo(cursor.asText()) > 0,
          record + " was final in the failed run's last STATE " + cursors);
    }
    assertEquals(uninterrupted.lastStreamState(), resumed.lastStreamState());
  }

  private static void assertNoDuplicates(Run run) {
    assertEquals(rows(run).size(), new HashSet<>(rows(run)).size(), rows(run).toString());
  }

  @Test
  void repeatedBarsInOneAnswerAreEmittedOnceAndCountedButARetriedPageIsNotARepeat() {
    // polygon-io/issues#92: every minute bar of 2019-12-12 came back twice, the whole set
    // appended again; here after an answer cut short, which is retried.
    List<String> bars = List.of(bar("2019-12-12T19:47:00Z", 45), bar("2019-12-12T19:48:00Z", 46),
        bar("2019-12-12T19:49:00Z", 47), bar("2019-12-13T14:30:00Z", 48));
    List<String> twice = List.of(bars.get(0), bars.get(1), bars.get(2), bars.get(0),
        bars.get(1), bars.get(2), bars.get(3));
    AtomicInteger answers = new AtomicInteger();
    polygon.override(request -> answers.incrementAndGet() == 1
        ? json(200, "{\"results\":[" + bars.get(0) + "," + bars.get(1) + ",")
        : json(200, page(null, twice)));

    Run run = intraday().read(Instant.parse("2019-12-13T15:00:00Z"), "NFG",
        ",\"start_date\":\"2019-12-12\",\"end_date\":\"2019-12-12\"", "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("NFG 2019-12-12T19:47:00Z 2019-12-12 regular 45",
        "NFG 2019-12-12T19:48:00Z 2019-12-12 regular 46",
        "NFG 2019-12-12T19:49:00Z 2019-12-12 regular 47"), rows(run));
    List<String> warnings = run.ofType("LOG").stream()
        .filter(m -> m.at("/log/level").asText().equals("WARN"))
        .map(m -> m.at("/log/message").asText()).toList();
    assertEquals(List.of("NFG: dropped 1 bar(s) outside the requested window 2019-12-12 to "
        + "2019-12-12 and 3 repeated bar(s) (the same start time again in one answer)"), warnings);
  }

  @Test
  void aTickerThatKeepsFailingIsGivenUpAndTheOthersComplete() {
    var serve = Intraday.serving(polygon, Map.of("MSFT", aaplWeek()), 50_000);
    polygon.override(request -> request.getUrl().encodedPath().contains("/AAPL/")
        ? json(500, "{\"status\":\"ERROR\",\"error\":\"reason-500\"}") : serve.apply(request));

    Run run = intraday().read(THURSDAY, "AAPL, MSFT", FROM_MONDAY, "incremental", null);

    assertEquals(1, run.exitCode());
    String message = run.error().get("message").asText();
    assertTrue(message.startsWith("1 of 2 ticker(s) of intraday_prices failed"), message);
    assertTrue(message.contains("AAPL: ") && message.contains("reason-500"), message);
    assertEquals(8, run.records().size());
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), run.streamStatuses());
    assertEquals("2024-03-13", cursor(run, "MSFT"));
    assertTrue(cursor(run, "AAPL").isEmpty(), run.lastStreamState().toString());
  }

  @Test
  void anotherBarSizeStartsAtStartDateAndTheFirstSizeResumesWhereItStopped() throws Exception {
    polygon.override(Intraday.serving(polygon, Map.of("AAPL", aaplWeek()), 50_000));
    Intraday intraday = intraday();
    Run minutes = intraday.read(THURSDAY, "AAPL", FROM_MONDAY, "incremental", null);
    intraday.requests();

    Run fiveMinutes = intraday.read(THURSDAY, "AAPL", FROM_MONDAY
        + ",\"intraday_multiplier\":5", "incremental", minutes.nextStateFile());
    assertEquals(8, fiveMinutes.records().size(), "the new size's bars are other rows");
    assertTrue(fiveMinutes.records().stream().allMatch(r -> r.get("multiplier").asInt() == 5));
    assertTrue(intraday.requests().get(0).contains("/range/5/minute/"
        + millis("2024-03-11T04:00:00Z") + "/"), "from start_date");
    assertEquals(JSON.readTree("{\"date\":\"2024-03-13\",\"bar_sizes\":{"
        + "\"1/minute\":{\"tickers\":{\"AAPL\":\"2024-03-13\"},\"first_synced\":{\"AAPL\":"
        + "\"2024-03-11\"},\"adjusted_through\":{\"AAPL\":\"2024-03-14\"}},"
        + "\"5/minute\":{\"tickers\":{\"AAPL\":\"2024-03-13\"},\"first_synced\":{\"AAPL\":"
        + "\"2024-03-11\"},\"adjusted_through\":{\"AAPL\":\"2024-03-14\"}}}}"),
        fiveMinutes.lastStreamState());

    Run back = intraday.read(THURSDAY, "AAPL", FROM_MONDAY, "incremental",
        fiveMinutes.nextStateFile());
    assertEquals(List.of("AAPL 2024-03-14T14:00:00Z 2024-03-14 regular 107"), rows(back));
  }

  @Test
  void anInvalidStateIsAConfigErrorNamingTheFileAndField() {
    for (String[] state : new String[][] {
        {"{\"intraday_prices\":{\"bar_sizes\":[]}}", "intraday_prices.bar_sizes"},
        {"{\"intraday_prices\":{\"bar_sizes\":{\"1/minute\":7}}}",
            "intraday_prices.bar_sizes.1/minute"},
        {"{\"intraday_prices\":{\"bar_sizes\":{\"1/minute\":{\"tickers\":{\"AAPL\":\"soon\"}}}}}",
            "intraday_prices.bar_sizes.1/minute.tickers.AAPL"}}) {
      Run run = intraday().read(THURSDAY, "AAPL", FROM_MONDAY, "incremental", state[0]);

      assertEquals(1, run.exitCode(), state[0]);
      assertEquals("config_error", run.error().get("failure_type").asText());
      String message = run.error().get("message").asText();
      assertTrue(message.contains("state.json has an invalid ") && message.contains(state[1]
          + ": expected "), message);
    }
    assertEquals(0, polygon.server().getRequestCount());
  }
}
