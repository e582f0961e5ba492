package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several requests in flight give the same output as one: the same records in the same order,
 * the same STATE messages, the same error, with latency that makes answers arrive out of order,
 * a 5xx burst, a 429 and a ticker that keeps failing. The fake counts requests in flight.
 */
class ConcurrencyTest {
  private static final Instant WEDNESDAY = Instant.parse("2024-03-13T15:00:00Z");
  private static final List<String> TICKERS = IntStream.rangeClosed(1, 12)
      .mapToObj(i -> "T" + i).toList();
  private static final List<String> DAYS = List.of("2024-03-04", "2024-03-05", "2024-03-06",
      "2024-03-07", "2024-03-08", "2024-03-11", "2024-03-12", "2024-03-13");

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon();

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  /** Each answer waits 5-45 ms (by URL), so answers sent together come back out of order. */
  private MockResponse faults(RecordedRequest request) {
    return faults(request, "T3", "T5", "T8");
  }

  /**
   * As {@link #faults(RecordedRequest)}: {@code burst}'s first two answers are 503s, every
   * answer for {@code down} a 500, and {@code limited}'s first answer a 429.
   */
  private MockResponse faults(RecordedRequest request, String burst, String down,
      String limited) {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      String path = request.getUrl().encodedPath();
      Thread.sleep(5 + Math.floorMod(path.hashCode(), 41));
      int attempt = seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      if (path.contains("/" + burst + "/") && attempt <= 2) {
        return json(503, "{\"status\":\"ERROR\",\"error\":\"burst\"}");
      }
      if (path.contains("/" + down + "/") || path.endsWith("/" + down)) {
        return json(500, "{\"status\":\"ERROR\",\"error\":\"" + down + " is down\"}");
      }
      if (path.contains("/" + limited + "/") && attempt == 1) {
        return new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
            .body("{\"status\":\"ERROR\",\"error\":\"limit\"}").build();
      }
      if (path.contains("/grouped/") && path.endsWith("2024-03-06") && attempt == 1) {
        return json(502, "{\"status\":\"ERROR\",\"error\":\"bad gateway\"}");
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return json(500, "{}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Run read(String streams, String strategy, Integer concurrent) {
    return read(streams, strategy, concurrent, String.join(",", TICKERS), "2024-03-04", "");
  }

  private Run read(String streams, String strategy, Integer concurrent, String tickers,
      String start, String extra) {
    seen.clear();
    mostInFlight.set(0);
    Connector connector = new Connector(dir, WEDNESDAY);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"%s\",\"start_date\":\"" + start + "\",\"base_url\":\"%s\","
        + "\"request_strategy\":\"%s\"%s%s}", tickers, polygon.baseUrl(), strategy,
        concurrent == null ? "" : ",\"max_concurrent_requests\":" + concurrent, extra));
    String catalog = connector.file("catalog.json", "{\"streams\":[" + List.of(streams.split(","))
        .stream().map(s -> "{\"stream\":{\"name\":\"" + s + "\",\"json_schema\":{},"
            + "\"supported_sync_modes\":[\"full_refresh\"]},\"sync_mode\":\"full_refresh\","
            + "\"destination_sync_mode\":\"overwrite\"}").collect(Collectors.joining(",")) + "]}");
    return connector.run("read", "--config", config, "--catalog", catalog);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"per_ticker", "grouped_daily"})
  void theOutputIsTheSameForOneAndForEightInFlight(String strategy) {
    for (int t = 0; t < TICKERS.size(); t++) {
      for (String day : DAYS) {
        polygon.bars(TICKERS.get(t), day + "=" + (10 + t));
      }
    }
    polygon.override(this::faults);

    Run one = read("stock_prices", strategy, 1);
    int mostWithOne = mostInFlight.get();
    Run eight = read("stock_prices", strategy, 8);
    int mostWithEight = mostInFlight.get();

    assertSameOutput(one, eight);
    assertEquals(1, mostWithOne);
    assertTrue(mostWithEight > 1 && mostWithEight <= 8, "in flight: " + mostWithEight);
    if (strategy.equals("per_ticker")) {
      assertEquals(1, one.exitCode(), one.stdout());
      assertTrue(one.error().get("message").asText().contains("T5"), one.error().toString());
      assertEquals(TICKERS.size() - 1, one.records().stream()
          .map(r -> r.get("stock_ticker").asText()).distinct().count());
    } else {
      assertEquals(0, one.exitCode(), one.stdout());
      assertEquals(TICKERS.size() * DAYS.size(), one.records().size());
    }
  }

  @ParameterizedTest(name = "max_concurrent_requests {0}")
  @ValueSource(ints = {2, 4, 8})
  void tickerDetailsAreTheSameWithAnyNumberInFlightAndNeverMoreThanThat(int concurrent) {
    polygon.override(request -> {
      MockResponse fault = faults(request);
      if (fault != null) {
        return fault;
      }
      String ticker = request.getUrl().pathSegments().get(3);
      return json(200, "{\"status\":\"OK\",\"results\":{\"ticker\":\"" + ticker + "\",\"name\":"
          + "\"" + ticker + " Inc.\",\"active\":true,\"market_cap\":" + ticker.length() + "}}");
    });

    Run one = read("ticker_details", "auto", 1);
    Run many = read("ticker_details", "auto", concurrent);

    assertSameOutput(one, many);
    assertEquals(TICKERS.size() - 1, one.records().size(), "every ticker but T5");
    assertTrue(mostInFlight.get() <= concurrent, "in flight: " + mostInFlight.get());
  }

  @ParameterizedTest(name = "max_concurrent_requests {0}")
  @ValueSource(ints = {4, 8})
  void intradayBarsAreTheSameWithAnyNumberInFlight(int concurrent) {
    // The sandbox's market, paged at 300 bars so each ticker's day takes several pages.
    polygon.syntheticMarket(java.time.Clock.fixed(WEDNESDAY, java.time.ZoneOffset.UTC))
        .pageSize(300);
    polygon.override(request -> faults(request, "MSFT", "TSLA", "NVDA"));
    String tickers = "AAPL,MSFT,TSLA,GOOGL,AMZN,NVDA,META,JPM,V,JNJ,WMT,PG";
    String day = ",\"end_date\":\"2024-03-12\"";

    Run one = read("intraday_prices", "auto", 1, tickers, "2024-03-12", day);
    int mostWithOne = mostInFlight.get();
    Run many = read("intraday_prices", "auto", concurrent, tickers, "2024-03-12", day);

    assertSameOutput(one, many);
    assertEquals(1, mostWithOne);
    assertTrue(mostInFlight.get() > 1 && mostInFlight.get() <= concurrent,
        "in flight: " + mostInFlight.get());
    assertEquals(1, one.exitCode(), one.stdout());
    assertTrue(one.error().get("message").asText().contains("TSLA"), one.error().toString());
    assertTrue(one.records().size() > 11 * 500, "11 tickers' minute bars: " + one.records().size());
  }

  @ParameterizedTest(name = "requests_per_minute with max_concurrent_requests {0}")
  @ValueSource(ints = {8})
  void pacedRequestsGoOneAtATime(int concurrent) {
    TICKERS.subList(0, 4).forEach(t -> polygon.bars(t, "2024-03-12=10"));
    polygon.override(request -> {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(20);
        return null;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    });
    Connector connector = new Connector(dir, WEDNESDAY);
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"T1,T2,T3,T4\",\"start_date\":\"2024-03-12\",\"end_date\":"
        + "\"2024-03-12\",\"base_url\":\"%s\",\"requests_per_minute\":600,"
        + "\"max_concurrent_requests\":%d,\"request_strategy\":\"per_ticker\"}",
        polygon.baseUrl(), concurrent));

    Run run = connector.run("read", "--config", config, "--catalog",
        Path.of("fullrefresh_configured_catalog.json").toAbsolutePath().toString());

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(4, run.records().size());
    assertEquals(1, mostInFlight.get());
    assertTrue(run.logs().stream().anyMatch(l -> l.contains("max_concurrent_requests")),
        "the ignored setting is named: " + run.logs());
  }

  /**
   * The same records, STATEs, stream statuses and error, byte for byte and in order, naming the
   * first that differs. Times are left out (retries wait a random part of their backoff, and the
   * test clock moves by what they wait), and so are the messages that say the read is waiting:
   * with several in flight a request sent before a 429 needs no wait for its turn.
   */
  private static void assertSameOutput(Run expected, Run actual) {
    String[] a = data(expected.stdout());
    String[] b = data(actual.stdout());
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      assertEquals(a[i], b[i], "message " + i + " differs");
    }
    assertEquals(a.length, b.length, "message count");
  }

  private static String[] data(String stdout) {
    return stdout.replaceAll("\"emitted_at\":\\d+", "\"emitted_at\":0").lines()
        .filter(line -> !line.startsWith("{\"type\":\"LOG\"") && !line.contains("RATE_LIMITED"))
        .toArray(String[]::new);
  }
}
