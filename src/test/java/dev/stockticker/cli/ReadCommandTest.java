package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** read, end to end through the picocli entry point against a local HTTP polygon.server(). */
class ReadCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Wednesday 2024-03-13, 11:00 in New York: today's bar exists but is not final. */
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = FakePolygon.aaplAndMsftInMarch2024();



  private Connector at(Instant now) {
    return new Connector(dir, now);
  }

  private String config(Connector connector, String tickers, String extra) {
    return connector.file("config.json", String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"%s\",\"start_date\":\"2024-03-04\","
            + "\"base_url\":\"%s\"%s}", tickers, polygon.baseUrl(), extra));
  }

  private Run read(Connector connector, String config, String mode, String stateJson) {
    String catalog = Path.of(mode.equals("incremental") ? "incremental_configured_catalog.json"
        : "fullrefresh_configured_catalog.json").toAbsolutePath().toString();
    List<String> args = new ArrayList<>(List.of("read", "--config", config, "--catalog", catalog));
    if (stateJson != null) {
      args.add("--state");
      args.add(connector.file("state.json", stateJson));
    }
    return connector.run(args.toArray(String[]::new));
  }

  /** Split checks seen by {@link #requestedPaths}, which leaves them out of its list. */
  private int splitChecks;

  /** The aggregates requests made since the last call, as "AAPL 2024-03-04/2024-03-13". */
  private List<String> requestedPaths() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    splitChecks = 0;
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (request.getUrl().encodedPath().equals("/stocks/v1/splits")) {
        splitChecks++;
        continue;
      }
      paths.add(request.getUrl().encodedPath().replace("/v2/aggs/ticker/", "")
          .replace("/range/1/day/", " "));
    }
    return paths;
  }

  private static String dates(Run run) {
    return String.join(",", run.recordKeys());
  }

  @Test
  void fullRefreshEmitsEveryBarWithAllFieldsThenOneStatePerTicker() throws Exception {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL,MSFT", ""), "full_refresh", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(13, run.records().size());
    assertEquals(JSON.readTree("{\"date\":\"2024-03-04\",\"stock_ticker\":\"AAPL\",\"price\":170.0,"
            + "\"open\":169.0,\"high\":172.0,\"low\":168.0,\"close\":170.0,\"volume\":170000.0,"
            + "\"vwap\":170.5,\"transactions\":1700}"),
        run.records().get(0));
    assertEquals(List.of("AAPL 2024-03-04/2024-03-13", "MSFT 2024-03-04/2024-03-13"),
        requestedPaths());
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), run.streamStatuses());
    for (JsonNode record : run.ofType("RECORD")) {
      assertEquals("stock_prices", record.at("/record/stream").asText());
      assertEquals(WEDNESDAY.toEpochMilli(), record.at("/record/emitted_at").asLong());
    }
    // One STATE after each ticker's page, counting exactly the records before it.
    List<JsonNode> states = run.states();
    assertEquals(2, states.size());
    assertEquals(JSON.readTree("{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{"
            + "\"stream_descriptor\":{\"name\":\"stock_prices\"},\"stream_state\":{"
            + "\"date\":\"2024-03-03\",\"tickers\":{\"AAPL\":\"2024-03-12\"},"
            + "\"first_synced\":{\"AAPL\":\"2024-03-04\",\"MSFT\":\"2024-03-04\"},"
            + "\"adjusted_through\":{\"AAPL\":\"2024-03-13\",\"MSFT\":\"2024-03-13\"}}},"
            + "\"sourceStats\":{\"recordCount\":8.0}}}"),
        states.get(0));
    assertEquals(JSON.readTree("{\"date\":\"2024-03-12\",\"tickers\":{\"AAPL\":\"2024-03-12\","
        + "\"MSFT\":\"2024-03-12\"},\"first_synced\":{\"AAPL\":\"2024-03-04\",\"MSFT\":"
        + "\"2024-03-04\"},\"adjusted_through\":{\"AAPL\":\"2024-03-13\",\"MSFT\":"
        + "\"2024-03-13\"}}"), run.lastStreamState());
    assertEquals(5.0, states.get(1).at("/state/sourceStats/recordCount").asDouble());
    int firstState = run.messages().indexOf(states.get(0));
    assertEquals(8, run.messages().subList(0, firstState).stream()
        .filter(m -> m.get("type").asText().equals("RECORD")).count());
  }

  @Test
  void incrementalResumesAfterTheCursorAndRereadsOnlyTodaysPartialBar() throws Exception {
    Connector connector = at(WEDNESDAY);
    String config = config(connector, "AAPL", "");
    Run first = read(connector, config, "incremental", null);
    requestedPaths();

    Run second = read(connector, config, "incremental", first.nextStateFile());

    assertEquals("AAPL 2024-03-13", dates(second));
    assertEquals(List.of("AAPL 2024-03-13/2024-03-13"), requestedPaths());
    assertEquals(first.lastStreamState(), second.lastStreamState(),
        "today's bar is not final, so the cursor stays on yesterday");
  }

  @Test
  void theNextDayTheCursorMovesOverTheNowFinalBar() throws Exception {
    Connector connector = at(WEDNESDAY);
    String config = config(connector, "AAPL", "");
    String state = read(connector, config, "incremental", null).nextStateFile();
    polygon.bars("AAPL", "2024-03-14=178");

    Run thursday = read(at(Instant.parse("2024-03-14T21:00:00Z")), config, "incremental", state);

    assertEquals("AAPL 2024-03-13,AAPL 2024-03-14", dates(thursday));
    assertEquals("2024-03-13", thursday.lastStreamState().at("/tickers/AAPL").asText());
  }

  @Test
  void aWeekendOrHolidayWindowLeavesTheCursorWhereItWas() throws Exception {
    // Sunday: Friday's bar is the last; Saturday and Sunday have none, so they are not even
    // requested. The tutorial jumped to today here and then skipped every later request.
    Connector sunday = at(Instant.parse("2024-03-10T15:00:00Z"));
    String config = config(sunday, "AAPL", "");
    String state = "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":"
        + "\"stock_prices\"},\"stream_state\":{\"date\":\"2024-03-08\",\"tickers\":{\"AAPL\":"
        + "\"2024-03-08\"}}}}]";

    Run run = read(sunday, config, "incremental", state);

    assertEquals(0, run.records().size());
    assertEquals(List.of(), requestedPaths());
    assertEquals("2024-03-08", run.lastStreamState().at("/tickers/AAPL").asText());
    assertEquals(1, run.states().size(), "at least one STATE even without records");

    Run monday = read(at(Instant.parse("2024-03-11T21:00:00Z")), config, "incremental",
        run.nextStateFile());
    assertEquals("AAPL 2024-03-11", dates(monday));
    assertEquals(List.of("AAPL 2024-03-09/2024-03-11"), requestedPaths());
  }

  @Test
  void aHolidayIsNotRequestedAndTheNextDayCatchesUp() throws Exception {
    // Monday 2024-01-15 was Martin Luther King Jr. Day: the exchange was closed.
    polygon.bars("AAPL", "2024-01-12=180", "2024-01-16=181");
    String state = "{\"stock_prices\":{\"date\":\"2024-01-12\"}}";
    Connector holiday = at(Instant.parse("2024-01-15T22:00:00Z"));
    String config = holiday.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL\",\"start_date\":\"2024-01-02\",\"base_url\":\"%s\"}",
        polygon.baseUrl()));

    Run run = read(holiday, config, "incremental", state);

    assertEquals(List.of(), requestedPaths());
    assertEquals(0, run.records().size());
    assertEquals("2024-01-12", run.lastStreamState().at("/tickers/AAPL").asText());

    Run tuesday = read(at(Instant.parse("2024-01-17T15:00:00Z")), config, "incremental",
        run.nextStateFile());
    assertEquals(List.of("AAPL 2024-01-13/2024-01-17"), requestedPaths());
    assertEquals("AAPL 2024-01-16", dates(tuesday));
    assertEquals("2024-01-16", tuesday.lastStreamState().at("/tickers/AAPL").asText());
  }

  @Test
  void aFarFutureStateMakesNoRequestAndStaysAsItIs() throws Exception {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL", ""), "incremental",
        Files.readString(Path.of("abnormal_state.json")));

    assertEquals(0, run.exitCode());
    assertEquals(0, run.records().size());
    assertEquals(0, polygon.server().getRequestCount());
    assertEquals("2121-01-01", run.lastStreamState().get("date").asText());
    assertEquals("2121-01-01", run.lastStreamState().at("/tickers/AAPL").asText());
  }

  @Test
  void aTickerAddedToAnExistingConnectionStartsAtStartDate() throws Exception {
    Connector connector = at(WEDNESDAY);
    String state = "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":"
        + "\"stock_prices\"},\"stream_state\":{\"date\":\"2024-03-12\",\"tickers\":{\"AAPL\":"
        + "\"2024-03-12\"}}}}]";

    Run run = read(connector, config(connector, "AAPL, MSFT", ""), "incremental", state);

    assertEquals(List.of("AAPL 2024-03-13/2024-03-13", "MSFT 2024-03-04/2024-03-13"),
        requestedPaths());
    assertEquals(6, run.records().size());
    assertEquals("2024-03-12", run.lastStreamState().get("date").asText());
  }

  @Test
  void withoutStartDateAPausedConnectionResumesAtItsCursorNotLastWeek() throws Exception {
    Connector connector = at(WEDNESDAY);
    String config = connector.file("config.json", String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"AAPL\",\"base_url\":\"%s\"}",
        polygon.baseUrl()));
    String state = "{\"stock_prices\":{\"date\":\"2024-02-01\"}}";

    read(connector, config, "incremental", state);

    // The default start_date (a week back, 2024-03-06) bounds only tickers without a cursor.
    assertEquals(List.of("AAPL 2024-02-02/2024-03-13"), requestedPaths());
    read(connector, config, "incremental", null);
    assertEquals(List.of("AAPL 2024-03-06/2024-03-13"), requestedPaths());
  }

  @Test
  void fullRefreshIgnoresStateAndReadsTheWholeWindow() throws Exception {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL", ""), "full_refresh",
        "{\"stock_prices\":{\"date\":\"2024-03-12\"}}");

    assertEquals(8, run.records().size());
    assertEquals(List.of("AAPL 2024-03-04/2024-03-13"), requestedPaths());
  }

  @Test
  void endDateBoundsTheWindowAndTheCursor() throws Exception {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL", ",\"end_date\":\"2024-03-06\""),
        "incremental", null);

    assertEquals("AAPL 2024-03-04,AAPL 2024-03-05,AAPL 2024-03-06", dates(run));
    assertEquals("2024-03-06", run.lastStreamState().at("/tickers/AAPL").asText());
  }

  @Test
  void lookbackRereadsFinalDaysWithoutMovingTheCursorBack() throws Exception {
    Connector connector = at(WEDNESDAY);
    String state = "{\"stock_prices\":{\"date\":\"2024-03-12\"}}";

    Run run = read(connector, config(connector, "AAPL", ",\"lookback_days\":3"), "incremental",
        state);

    assertEquals(List.of("AAPL 2024-03-10/2024-03-13"), requestedPaths());
    assertEquals("AAPL 2024-03-11,AAPL 2024-03-12,AAPL 2024-03-13", dates(run));
    assertEquals("2024-03-12", run.lastStreamState().get("date").asText());
  }

  @Test
  void followsNextUrlToTheEndWithTheKeyOnlyInTheHeader() throws Exception {
    polygon.pageSize(3);
    Connector connector = at(WEDNESDAY);

    Run run = read(connector, config(connector, "AAPL", ""), "incremental", null);

    assertEquals(8, run.records().size());
    assertEquals(3, polygon.server().getRequestCount());
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = polygon.server().takeRequest();
      assertEquals("Bearer test-key-123", request.getHeaders().get("Authorization"));
      assertFalse(request.getUrl().toString().contains("test-key-123"));
      assertEquals(i == 0 ? null : List.of("2024-03-07", "2024-03-12").get(i - 1),
          request.getUrl().queryParameter("cursor"));
    }
    // A checkpoint after each page: resuming from any of them re-reads nothing final.
    assertEquals(List.of("2024-03-06", "2024-03-11", "2024-03-12"), run.states().stream()
        .map(s -> s.at("/state/stream/stream_state/tickers/AAPL").asText())
        .collect(Collectors.toList()));
    assertEquals(List.of(3.0, 3.0, 2.0), run.states().stream()
        .map(s -> s.at("/state/sourceStats/recordCount").asDouble()).collect(Collectors.toList()));
  }

  @Test
  void aNextUrlToAnotherHostIsRefused() {
    polygon.override(request -> request.getUrl().queryParameter("cursor") != null ? null
        : FakePolygon.json(200, "{\"resultsCount\":1,\"results\":[" + FakePolygon.bar(
            java.time.LocalDate.parse("2024-03-04"), 170) + "],\"status\":\"OK\","
            + "\"next_url\":\"https://evil.example.com/v2/aggs?cursor=abc\"}"));
    Connector connector = at(WEDNESDAY);

    Run run = read(connector, config(connector, "AAPL", ""), "incremental", null);

    assertEquals(1, run.exitCode());
    assertEquals(1, polygon.server().getRequestCount());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("evil.example.com"));
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), run.streamStatuses());
    assertEquals("2024-03-04", run.lastStreamState().at("/tickers/AAPL").asText(),
        "the record emitted before the failure is covered by a STATE");
  }

  @Test
  void configValuesTheSpecAllowsAreAccepted() throws Exception {
    // JSON Schema's "integer" includes 60.0, and the spec's \\s includes a no-break space.
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL,\u00a0MSFT\u00a0",
        ",\"requests_per_minute\":60.0,\"lookback_days\":0.0"), "incremental", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(List.of("AAPL 2024-03-04/2024-03-13", "MSFT 2024-03-04/2024-03-13"),
        requestedPaths());
  }

  @Test
  void anUnknownTickerHasNoRecordsAndNoCursor() throws Exception {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "NOPE", ""), "incremental", null);

    assertEquals(0, run.exitCode());
    assertEquals(0, run.records().size());
    assertEquals(JSON.readTree("{\"date\":\"2024-03-03\",\"tickers\":{},\"first_synced\":"
        + "{\"NOPE\":\"2024-03-04\"},\"adjusted_through\":{\"NOPE\":\"2024-03-13\"}}"),
        run.lastStreamState());
  }

  @Test
  void logsSayWhatWasReadPerTicker() {
    Connector connector = at(WEDNESDAY);
    Run run = read(connector, config(connector, "AAPL", ""), "incremental", null);

    assertTrue(run.logs().stream().anyMatch(l -> l.equals(
        "AAPL: 8 record(s) for 2024-03-04 to 2024-03-13 in 1 request(s); cursor 2024-03-12")),
        run.logs().toString());
  }
}
