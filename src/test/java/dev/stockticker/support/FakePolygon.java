package dev.stockticker.support;

import dev.stockticker.sandbox.FixedBars;
import dev.stockticker.sandbox.Market;
import dev.stockticker.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Polygon for a test: the sandbox serving bars, splits, dividends and ticker names the test
 * defines, behind a MockWebServer that records every request (so tests assert the exact requests
 * the connector makes) and lets a test inject faults with {@link #override}. Every request not
 * overridden, next_url pages included, is answered by the sandbox; the endpoints are written there
 * only. A defined split rescales the ticker's adjusted bars before it ({@code FixedBars}). Intraday
 * bars need the sandbox's synthetic market instead: {@link #syntheticMarket}. Register it as a
 * JUnit extension: the server runs for each test.
 */
public final class FakePolygon extends Dispatcher implements BeforeEachCallback, AfterEachCallback {
  private static final OkHttpClient FORWARD = new OkHttpClient();
  /** The headers that say something about an answer; the rest (Date, chunking) is transport. */
  private static final List<String> HEADERS = List.of("Content-Type", "Retry-After");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Map<LocalDate, Double>> closes = new TreeMap<>();
  /** Splits, dividends and names, each applied to the sandbox's builder in the order given. */
  private final List<Consumer<SandboxServer.Builder>> fixtures = new ArrayList<>();
  /** Non-null: serve the synthetic market at this clock, not the fixtures. */
  private Clock marketClock;
  private int pageSize = 50_000;
  private String apiKey = "test-key-123";
  /** Started on the first request after a change, so a test can change bars between runs. */
  private SandboxServer sandbox;
  private volatile Function<RecordedRequest, MockResponse> override = request -> null;

  /** AAPL on the 8 trading days from 2024-03-04 to 03-13, MSFT on the last 5 of them. */
  public static FakePolygon aaplAndMsftInMarch2024() {
    return new FakePolygon()
        .bars("AAPL", "2024-03-04=170", "2024-03-05=171", "2024-03-06=172", "2024-03-07=173",
            "2024-03-08=174", "2024-03-11=175", "2024-03-12=176", "2024-03-13=177")
        .bars("MSFT", "2024-03-07=400", "2024-03-08=401", "2024-03-11=402", "2024-03-12=403",
            "2024-03-13=404");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server.setDispatcher(this);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
    stopSandbox();
  }

  public MockWebServer server() {
    return server;
  }

  /** The base URL to put in a config. */
  public String baseUrl() {
    return server.url("/").toString();
  }

  public synchronized FakePolygon bars(String ticker, String... datesAndCloses) {
    Map<LocalDate, Double> bars = closes.computeIfAbsent(ticker, t -> new TreeMap<>());
    for (String entry : datesAndCloses) {
      String[] parts = entry.split("=");
      bars.put(LocalDate.parse(parts[0]), Double.parseDouble(parts[1]));
    }
    stopSandbox();
    return this;
  }

  /** A split on that date: {@code splitFrom} shares became {@code splitTo} (1, 4: a 4-for-1 split). */
  public synchronized FakePolygon split(String ticker, String executionDate, double splitFrom,
      double splitTo) {
    LocalDate date = LocalDate.parse(executionDate);
    return fixture(b -> b.split(ticker, date, splitFrom, splitTo));
  }

  /**
   * A quarterly cash dividend in USD going ex on that date, declared 14 days before, on record
   * that day and paid 14 days after.
   */
  public synchronized FakePolygon dividend(String ticker, String exDividendDate, double cashAmount) {
    LocalDate date = LocalDate.parse(exDividendDate);
    return fixture(b -> b.dividend(ticker, date, cashAmount));
  }

  /**
   * Ticker details under this name. Tickers with bars, splits or dividends have details anyway
   * (named "{ticker} Fixture Inc."); any other ticker answers 404.
   */
  public synchronized FakePolygon details(String ticker, String name) {
    return fixture(b -> b.details(ticker, name));
  }

  /**
   * Serve the sandbox's synthetic market at this clock instead of the bars, splits and dividends
   * defined here: its intraday bars, built-in splits and the like. {@link #market} has its data.
   */
  public synchronized FakePolygon syntheticMarket(Clock clock) {
    this.marketClock = clock;
    stopSandbox();
    return this;
  }

  /** The synthetic market being served, to compute expected records. */
  public Market market() {
    return sandbox().market();
  }

  private FakePolygon fixture(Consumer<SandboxServer.Builder> fixture) {
    fixtures.add(fixture);
    stopSandbox();
    return this;
  }

  public synchronized FakePolygon pageSize(int pageSize) {
    this.pageSize = pageSize;
    stopSandbox();
    return this;
  }

  public synchronized FakePolygon apiKey(String apiKey) {
    this.apiKey = apiKey;
    stopSandbox();
    return this;
  }

  /** Answers with {@code fault} where it returns non-null; otherwise as the sandbox does. */
  public FakePolygon override(Function<RecordedRequest, MockResponse> fault) {
    this.override = fault;
    return this;
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  /** A bar as the sandbox sends it for {@link #bars}, to write a response by hand. */
  public static String bar(LocalDate date, double close) {
    return FixedBars.json(date, close);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse fault = override.apply(request);
    return fault != null ? fault : forward(request);
  }

  /** The sandbox's answer as it gave it. */
  private MockResponse forward(RecordedRequest request) {
    Request.Builder ask = new Request.Builder().url(sandbox().baseUrl() + request.getTarget());
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null) {
      ask.header("Authorization", authorization);
    }
    try (Response answer = FORWARD.newCall(ask.build()).execute()) {
      MockResponse.Builder back = new MockResponse.Builder().code(answer.code())
          .body(new Buffer().write(answer.body().bytes()));
      for (String name : HEADERS) {
        String value = answer.header(name);
        if (value != null) {
          back.setHeader(name, value);
        }
      }
      return back.build();
    } catch (IOException e) {
      throw new UncheckedIOException("the sandbox behind FakePolygon did not answer", e);
    }
  }

  private synchronized SandboxServer sandbox() {
    if (sandbox == null) {
      // next_url leads back here, so the pages after the first are recorded and can fail too.
      SandboxServer.Builder builder = SandboxServer.builder().pageSize(pageSize).apiKey(apiKey)
          .plainCursors(true).publicBaseUrl(baseUrl()).threads(2);
      if (marketClock != null) {
        builder.clock(marketClock);
      } else {
        builder.bars(closes);
        fixtures.forEach(f -> f.accept(builder));
      }
      sandbox = builder.build().start();
    }
    return sandbox;
  }

  private synchronized void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }
}
