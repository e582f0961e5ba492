package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.polygon.Timeouts;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fault injection against a real local server: retries, pacing, failure and exact resume. */
class ResilienceTest {
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = FakePolygon.aaplAndMsftInMarch2024();



  private Connector connector() {
    return new Connector(dir, WEDNESDAY);
  }

  private Run read(Connector connector, String extraConfig, String state) {
    String config = connector.file("config.json", String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"AAPL, MSFT\","
            + "\"start_date\":\"2024-03-04\",\"base_url\":\"%s\"%s}", polygon.baseUrl(),
        extraConfig));
    String catalog = Path.of("incremental_configured_catalog.json").toAbsolutePath().toString();
    return state == null
        ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  /** Answers the first {@code times} requests with {@code fault}, then normally. */
  private void failFirst(int times, Function<RecordedRequest, MockResponse> fault) {
    AtomicInteger seen = new AtomicInteger();
    polygon.override(request -> seen.incrementAndGet() <= times ? fault.apply(request) : null);
  }

  private static final String ALL = "AAPL 2024-03-04,AAPL 2024-03-05,AAPL 2024-03-06,"
      + "AAPL 2024-03-07,AAPL 2024-03-08,AAPL 2024-03-11,AAPL 2024-03-12,AAPL 2024-03-13,"
      + "MSFT 2024-03-07,MSFT 2024-03-08,MSFT 2024-03-11,MSFT 2024-03-12,MSFT 2024-03-13";

  private static void assertComplete(Run run) {
    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(ALL, String.join(",", run.recordKeys()));
    // RUNNING repeats while waiting on rate limits (with the RATE_LIMITED reason).
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"),
        run.streamStatuses().stream().distinct().collect(Collectors.toList()));
    assertEquals("COMPLETE", run.streamStatuses().get(run.streamStatuses().size() - 1));
  }

  @ParameterizedTest(name = "HTTP {0} burst is retried")
  @ValueSource(ints = {500, 502, 503})
  void serverErrorBurstsAreRetried(int status) {
    failFirst(3, request -> json(status, "{\"status\":\"ERROR\",\"error\":\"busy\"}"));
    Connector connector = connector();

    Run run = read(connector, "", null);

    assertComplete(run);
    assertEquals(5, polygon.server().getRequestCount());
    assertEquals(3, connector.sleeps().size());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("Waiting ") && l.contains(
        "HTTP " + status) && l.contains("attempt 1 of 4")), run.logs().toString());
  }

  @Test
  void backoffGrowsExponentiallyWithJitterWithinThePolicy() {
    failFirst(3, request -> json(500, "{}"));
    Connector connector = connector();

    assertComplete(read(connector, "", null));

    // FAST_RETRY: 5 ms doubling to 40 ms; equal jitter keeps each from half of it to just below
    // all of it (so a wait of the full step means no jitter).
    List<Long> waits = connector.sleeps().stream().map(Duration::toMillis)
        .collect(Collectors.toList());
    long[] ceilings = {5, 10, 20};
    for (int i = 0; i < 3; i++) {
      assertTrue(waits.get(i) >= ceilings[i] / 2 && waits.get(i) < ceilings[i], waits.toString());
    }
  }

  @Test
  void rateLimitWithRetryAfterWaitsExactlyThatLongAndSaysSo() {
    failFirst(1, request -> new MockResponse.Builder().code(429).setHeader("Retry-After", "7")
        .body("{\"status\":\"ERROR\",\"error\":\"You've exceeded the maximum requests per "
            + "minute\"}").build());
    Connector connector = connector().syncRetry(new dev.stockticker.polygon.RetryPolicy(4,
        Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(30)));

    Run run = read(connector, "", null);

    assertComplete(run);
    assertEquals(Duration.ofSeconds(7), connector.sleeps().get(0));
    List<JsonNode> rateLimited = run.ofType("TRACE").stream()
        .filter(m -> m.at("/trace/stream_status/reasons/0/type").asText().equals("RATE_LIMITED"))
        .collect(Collectors.toList());
    assertEquals(WEDNESDAY.plusSeconds(7).toEpochMilli(),
        rateLimited.get(0).at("/trace/stream_status/reasons/0/rate_limited/quota_reset").asLong());
    assertEquals("RUNNING", rateLimited.get(0).at("/trace/stream_status/status").asText());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("Waiting 7.0 s") && l.contains(
        "429")), run.logs().toString());
  }

  @Test
  void rateLimitWithoutRetryAfterBacksOffAndSlowsTheRestOfTheRun() {
    failFirst(1, request -> json(429, "{\"status\":\"ERROR\",\"error\":\"slow down\"}"));
    Connector connector = connector();

    Run run = read(connector, "", null);

    assertComplete(run);
    // One backoff for the 429, then the pacer spaces the remaining request (MSFT) by 1 s.
    assertEquals(2, connector.sleeps().size(), connector.sleeps().toString());
    assertEquals(Duration.ofSeconds(1), connector.sleeps().get(1));
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("after Polygon rate-limited")));
  }

  @Test
  void requestsPerMinutePacesEveryRequestSoNoneIsRateLimited() throws Exception {
    AtomicInteger rejected = new AtomicInteger();
    List<Instant> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
    Connector connector = connector();
    polygon.pageSize(2).override(request -> {
      Instant now = connector.clock().instant();
      starts.add(now);
      long inLastMinute = starts.stream().filter(s -> s.isAfter(now.minusSeconds(60))).count();
      if (inLastMinute > 5) {
        rejected.incrementAndGet();
        return json(429, "{\"status\":\"ERROR\",\"error\":\"limit\"}");
      }
      return null;
    });

    Run run = read(connector, ",\"requests_per_minute\":5", null);

    assertComplete(run);
    assertEquals(0, rejected.get());
    assertEquals(7, polygon.server().getRequestCount());
    assertEquals(6, connector.sleeps().size());
    for (Duration sleep : connector.sleeps()) {
      assertEquals(Duration.ofSeconds(12), sleep);
    }
  }

  @Test
  void slowResponsesPastTheTimeoutAreRetried() {
    failFirst(1, request -> new MockResponse.Builder().body("{}")
        .headersDelay(1500, TimeUnit.MILLISECONDS).build());
    Connector connector = connector().timeouts(new Timeouts(Duration.ofSeconds(1),
        Duration.ofMillis(300), Duration.ofSeconds(5)));

    Run run = read(connector, "", null);

    assertComplete(run);
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("Timeout")), run.logs().toString());
  }

  @Test
  void aBodyCutShortIsRetriedWithoutDuplicatingRecords() {
    failFirst(1, request -> json(200, "{\"resultsCount\":8,\"results\":["
        + FakePolygon.bar(LocalDate.parse("2024-03-04"), 170) + ","
        + FakePolygon.bar(LocalDate.parse("2024-03-05"), 171) + ",{\"v\":1"));

    Run run = read(connector(), "", null);

    assertComplete(run);
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("cut short")), run.logs().toString());
  }

  @Test
  void aConnectionDroppedMidBodyIsRetried() {
    // Well-formed as far as it goes (a bar, then whitespace), so only the drop can fail it.
    failFirst(1, request -> new MockResponse.Builder().code(200)
        .body("{\"resultsCount\":8,\"results\":[" + FakePolygon.bar(LocalDate.parse(
            "2024-03-04"), 170) + "," + " ".repeat(4096) + "]}")
        .throttleBody(256, 1, TimeUnit.MILLISECONDS)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    Run run = read(connector(), "", null);

    assertComplete(run);
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("Could not reach Polygon")),
        run.logs().toString());
  }

  @Test
  void anHtmlPageFromAProxyIsRetriedThenATransientErrorNamingEachTickerAndRequest() {
    polygon.override(request -> new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "text/html").body("<html><body>Gateway</body></html>").build());

    Run run = read(connector(), "", null);

    assertEquals(1, run.exitCode());
    JsonNode error = run.error();
    assertEquals("transient_error", error.get("failure_type").asText());
    for (String ticker : List.of("AAPL", "MSFT")) {
      assertTrue(error.get("message").asText().contains(ticker + ": ")
          && error.get("message").asText().contains("/v2/aggs/ticker/" + ticker + "/range/1/day/"
          + "2024-03-04/2024-03-13"), error.toString());
    }
    // Four attempts for each ticker: AAPL failing does not stop MSFT.
    List<String> paths = paths(polygon.server().getRequestCount());
    assertEquals(4, paths.stream().filter(path -> path.contains("/AAPL/")).count(), paths.toString());
    assertEquals(4, paths.stream().filter(path -> path.contains("/MSFT/")).count(), paths.toString());
    assertTrue(run.records().isEmpty());
    assertEquals(List.of("STARTED", "INCOMPLETE"), run.streamStatuses());
  }

  private List<String> paths(int count) {
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        paths.add(polygon.server().takeRequest().getUrl().encodedPath());
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return paths;
  }

  /**
   * Serves AAPL two bars whose body stops half-way until MSFT is requested (or {@code wait} has
   * passed); returns whether MSFT was requested while AAPL's body was still coming. MSFT's
   * requests get {@code msft}'s answer (null: the normal one).
   */
  private AtomicBoolean stallAaplUntilMsftIsRequested(Duration wait,
      Function<RecordedRequest, MockResponse> msft) {
    CountDownLatch msftRequested = new CountDownLatch(1);
    AtomicBoolean sentAhead = new AtomicBoolean();
    byte[] aapl = ("{\"resultsCount\":2,\"results\":[" + FakePolygon.bar(LocalDate.parse(
        "2024-03-04"), 170) + "," + FakePolygon.bar(LocalDate.parse("2024-03-05"), 171) + "]}")
        .getBytes(StandardCharsets.UTF_8);
    MockResponseBody stalling = new MockResponseBody() {
      @Override
      public long getContentLength() {
        return aapl.length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(aapl, 0, 40).flush();
        try {
          sentAhead.set(msftRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sink.write(aapl, 40, aapl.length - 40).flush();
      }
    };
    polygon.override(request -> {
      if (request.getUrl().encodedPath().contains("/MSFT/")) {
        msftRequested.countDown();
        return msft.apply(request);
      }
      return new MockResponse.Builder().code(200).body(stalling).build();
    });
    return sentAhead;
  }

  private static final String TWO_AAPL_ALL_MSFT = "AAPL 2024-03-04,AAPL 2024-03-05,"
      + "MSFT 2024-03-07,MSFT 2024-03-08,MSFT 2024-03-11,MSFT 2024-03-12,MSFT 2024-03-13";

  @Test
  void theNextTickersRequestIsSentWhileThisTickersBodyIsStillComing() {
    AtomicBoolean sentAhead = stallAaplUntilMsftIsRequested(Duration.ofSeconds(5),
        request -> null);

    Run run = read(connector(), "", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(sentAhead.get(), "MSFT was not requested before AAPL's body ended");
    assertEquals(TWO_AAPL_ALL_MSFT, String.join(",", run.recordKeys()));
    assertEquals(2, polygon.server().getRequestCount());
  }

  @Test
  void noRequestIsSentAheadWhenRequestsArePaced() {
    AtomicBoolean sentAhead = stallAaplUntilMsftIsRequested(Duration.ofMillis(500),
        request -> null);

    Run run = read(connector(), ",\"requests_per_minute\":60", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertFalse(sentAhead.get(), "MSFT was requested ahead of a paced run's turn");
    assertEquals(TWO_AAPL_ALL_MSFT, String.join(",", run.recordKeys()));
  }

  @Test
  void aRequestSentAheadThatGetsNoAnswerIsSentAgainWithoutSpendingAnAttempt() {
    AtomicInteger msft = new AtomicInteger();
    polygon.override(request -> request.getUrl().encodedPath().contains("/MSFT/")
        && msft.incrementAndGet() == 1
        ? new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()
        : null);

    // It times out unanswered, as one parked past the call timeout would.
    Connector connector = connector().timeouts(new Timeouts(Duration.ofSeconds(1),
        Duration.ofMillis(300), Duration.ofSeconds(5)));
    Run run = read(connector, "", null);

    assertComplete(run);
    assertTrue(connector.sleeps().isEmpty(), connector.sleeps() + " " + run.logs());
    assertTrue(run.logs().stream().noneMatch(l -> l.contains("attempt")), run.logs().toString());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("MSFT: 5 record(s)")
        && l.contains("in 2 request(s)")), run.logs().toString());
  }

  @Test
  void theNextTickersRequestIsSentAheadAndRetriedLikeAnyOtherWhenItFails() {
    AtomicInteger msft = new AtomicInteger();
    AtomicBoolean sentAhead = stallAaplUntilMsftIsRequested(Duration.ofSeconds(5),
        request -> msft.incrementAndGet() == 1 ? json(503, "{\"status\":\"ERROR\"}") : null);

    Run run = read(connector(), "", null);

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(sentAhead.get(), "the failing MSFT request was not the one sent ahead");
    assertEquals(TWO_AAPL_ALL_MSFT, String.join(",", run.recordKeys()));
    assertEquals(List.of("AAPL", "MSFT", "MSFT"), paths(3).stream()
        .map(path -> path.split("/")[4]).collect(Collectors.toList()));
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("HTTP 503 for MSFT")),
        run.logs().toString());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("MSFT: 5 record(s)")
        && l.contains("in 2 request(s)")), run.logs().toString());
    assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("AAPL: 2 record(s)")
        && l.contains("in 1 request(s)")), run.logs().toString());
  }

  @Test
  void aBarWithoutCloseIsRetriedThenASystemErrorNotARecord() {
    polygon.override(request -> json(200, "{\"resultsCount\":2,\"results\":["
        + FakePolygon.bar(LocalDate.parse("2024-03-04"), 170) + ",{\"t\":1709701200000,\"o\":1,"
        + "\"h\":1,\"l\":1,\"v\":1}]}"));

    Run run = read(connector(), "", null);

    assertEquals(1, run.exitCode());
    String message = run.error().get("message").asText();
    assertTrue(message.contains("no numeric \"c\""), message);
    assertEquals("system_error", run.error().get("failure_type").asText());
    assertTrue(!message.contains("may succeed"), "a retry is not promised to help: " + message);
    assertEquals(List.of("AAPL 2024-03-04", "MSFT 2024-03-04"), run.recordKeys(),
        "the well-formed bar before it is a real record, once; the broken one is not emitted");
    List<String> paths = paths(polygon.server().getRequestCount());
    assertEquals(4, paths.stream().filter(path -> path.contains("/AAPL/")).count(),
        "a wrong shape is retried like an unparsable body: " + paths);
  }

  @Test
  void resultsCountWithoutResultsIsAnError() {
    polygon.override(request -> json(200, "{\"resultsCount\":3,\"status\":\"OK\"}"));

    Run run = read(connector(), "", null);

    assertEquals(1, run.exitCode());
    assertTrue(run.error().get("message").asText().contains("no \"results\" array"));
  }

  @Test
  void persistentRateLimitEndsAsATransientErrorAfterBoundedAttempts() {
    polygon.override(request -> json(429, "{\"status\":\"ERROR\",\"error\":\"limit\"}"));

    Run run = read(connector(), "", null);

    assertEquals(1, run.exitCode());
    assertEquals("transient_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("requests_per_minute"));
    assertEquals(4, polygon.server().getRequestCount());
  }

  @ParameterizedTest(name = "HTTP {0} is a config error and never retried")
  @ValueSource(ints = {400, 401, 403})
  void clientErrorsAreConfigErrorsWithPolygonsMessage(int status) {
    polygon.override(request -> json(status, "{\"status\":\"ERROR\",\"error\":\"reason-" + status
        + "\"}"));

    Run run = read(connector(), "", null);

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("reason-" + status));
    // A rejected key stops the read at once; a 400 or 403 is about one ticker, so MSFT is tried.
    assertEquals(status == 401 ? 1 : 2, polygon.server().getRequestCount());
  }

  /**
   * The server dies after N requests (N = 0..6: before the first, and after each of AAPL's four
   * pages and MSFT's first two, so mid-pagination included). Resuming from the failed run's last
   * STATE re-reads nothing that STATE made final, and the two runs together hold exactly the
   * records of one uninterrupted run. The runs are paced, so no request is sent ahead and the N-th
   * request is the same page in every run.
   */
  @ParameterizedTest(name = "server fails after {0} request(s)")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void resumeAfterFailureLosesNothingAndRereadsNothingFinal(int okRequests) {
    polygon.pageSize(2);
    String paced = ",\"requests_per_minute\":600";
    Run uninterrupted = read(connector(), paced, null);
    assertEquals(7, polygon.server().getRequestCount());
    assertComplete(uninterrupted);

    AtomicInteger served = new AtomicInteger();
    polygon.override(request -> served.incrementAndGet() > okRequests
        ? json(503, "{\"status\":\"ERROR\",\"error\":\"down\"}") : null);
    Run failed = read(connector(), paced, null);
    assertEquals(1, failed.exitCode());
    assertEquals("transient_error", failed.error().get("failure_type").asText());
    assertEquals("INCOMPLETE", failed.streamStatuses().get(failed.streamStatuses().size() - 1));
    assertNoDuplicates(failed);
    // Every STATE counts exactly the records since the previous one.
    long counted = failed.states().stream()
        .mapToLong(s -> (long) s.at("/state/sourceStats/recordCount").asDouble()).sum();
    assertEquals(failed.records().size(), counted);

    polygon.override(request -> null);
    String state = failed.states().isEmpty() ? null : failed.nextStateFile();
    Run resumed = read(connector(), paced, state);
    assertEquals(0, resumed.exitCode());
    assertNoDuplicates(resumed);

    Set<String> union = new HashSet<>(failed.recordKeys());
    union.addAll(resumed.recordKeys());
    assertEquals(new HashSet<>(uninterrupted.recordKeys()), union);
    if (state != null) {
      JsonNode cursors = failed.lastStreamState().get("tickers");
      for (String key : resumed.recordKeys()) {
        String[] parts = key.split(" ");
        JsonNode cursor = cursors.get(parts[0]);
        assertTrue(cursor == null || parts[1].compareTo(cursor.asText()) > 0,
            key + " was final in the failed run's last STATE " + cursors);
      }
    }
  }

  private static void assertNoDuplicates(Run run) {
    assertEquals(run.recordKeys().size(), new HashSet<>(run.recordKeys()).size(),
        run.recordKeys().toString());
  }
}
