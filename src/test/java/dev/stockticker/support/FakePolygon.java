package dev.stockticker.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer that answers the aggregates and grouped-daily endpoints from bars a test defines,
 * with next_url paging, so tests can assert the exact requests the connector makes. Faults are
 * injected with {@link #override}. Register it as a JUnit extension: the server runs for each test.
 */
public final class FakePolygon extends Dispatcher implements BeforeEachCallback, AfterEachCallback {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, TreeMap<LocalDate, Double>> closes = new ConcurrentHashMap<>();
  private volatile int pageSize = 50_000;
  private volatile String apiKey = "test-key-123";
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
  }

  public MockWebServer server() {
    return server;
  }

  /** The base URL to put in a config. */
  public String baseUrl() {
    return server.url("/").toString();
  }

  public FakePolygon bars(String ticker, String... datesAndCloses) {
    TreeMap<LocalDate, Double> bars = closes.computeIfAbsent(ticker, t -> new TreeMap<>());
    for (String entry : datesAndCloses) {
      String[] parts = entry.split("=");
      bars.put(LocalDate.parse(parts[0]), Double.parseDouble(parts[1]));
    }
    return this;
  }

  public FakePolygon pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  public FakePolygon apiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** Answers with {@code fault} where it returns non-null; otherwise normally. */
  public FakePolygon override(Function<RecordedRequest, MockResponse> fault) {
    this.override = fault;
    return this;
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse fault = override.apply(request);
    if (fault != null) {
      return fault;
    }
    if (!("Bearer " + apiKey).equals(request.getHeaders().get("Authorization"))) {
      return json(401, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}");
    }
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    if (segments.size() == 8 && segments.get(2).equals("grouped")) {
      return grouped(LocalDate.parse(segments.get(7)));
    }
    if (segments.size() != 9 || !segments.get(0).equals("v2") || !segments.get(2).equals("ticker")) {
      return json(404, "{\"status\":\"NOT_FOUND\",\"message\":\"no route\"}");
    }
    String ticker = segments.get(3);
    LocalDate from = LocalDate.parse(segments.get(7));
    LocalDate to = LocalDate.parse(segments.get(8));
    String cursor = url.queryParameter("cursor");
    if (cursor != null) {
      from = LocalDate.parse(cursor);
    }
    List<Map.Entry<LocalDate, Double>> window = new ArrayList<>(
        closes.getOrDefault(ticker, new TreeMap<>()).subMap(from, true, to, true).entrySet());
    int limit = Math.min(pageSize,
        Integer.parseInt(url.queryParameter("limit") == null ? "5000" : url.queryParameter("limit")));
    List<Map.Entry<LocalDate, Double>> page = window.subList(0, Math.min(limit, window.size()));
    StringBuilder body = new StringBuilder();
    body.append("{\"ticker\":\"").append(ticker).append("\",\"queryCount\":").append(page.size())
        .append(",\"resultsCount\":").append(page.size()).append(",\"adjusted\":true");
    if (!page.isEmpty()) {
      body.append(",\"results\":[");
      for (int i = 0; i < page.size(); i++) {
        body.append(i == 0 ? "" : ",").append(bar(page.get(i).getKey(), page.get(i).getValue()));
      }
      body.append("]");
    }
    body.append(",\"status\":\"OK\",\"request_id\":\"r1\"");
    if (window.size() > page.size()) {
      HttpUrl next = url.newBuilder().setQueryParameter("cursor",
          window.get(page.size()).getKey().toString()).build();
      body.append(",\"next_url\":\"").append(next).append("\"");
    }
    body.append("}");
    return json(200, body.toString());
  }

  /** One bar per ticker that has one on {@code date}, stamped 16:00 New York like Polygon's. */
  private MockResponse grouped(LocalDate date) {
    StringBuilder results = new StringBuilder();
    int count = 0;
    for (Map.Entry<String, TreeMap<LocalDate, Double>> ticker : new TreeMap<>(closes).entrySet()) {
      Double close = ticker.getValue().get(date);
      if (close != null) {
        long fourPm = date.atTime(16, 0).atZone(NEW_YORK).toInstant().toEpochMilli();
        String bar = bar(date, close).replaceFirst("\"t\":\\d+", "\"t\":" + fourPm);
        results.append(count++ == 0 ? "" : ",").append("{\"T\":\"").append(ticker.getKey())
            .append("\",").append(bar.substring(1));
      }
    }
    return json(200, "{\"queryCount\":" + count + ",\"resultsCount\":" + count
        + ",\"adjusted\":true" + (count == 0 ? "" : ",\"results\":[" + results + "]")
        + ",\"status\":\"OK\",\"request_id\":\"g1\"}");
  }

  /** A bar as Polygon sends it; o/h/l/v/vw/n are derived from the close so tests can predict them. */
  public static String bar(LocalDate date, double close) {
    long t = date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
    return String.format(java.util.Locale.ROOT,
        "{\"v\":%.1f,\"vw\":%s,\"o\":%s,\"c\":%s,\"h\":%s,\"l\":%s,\"t\":%d,\"n\":%d}",
        close * 1000, close + 0.5, close - 1, close, close + 2, close - 2, t, (long) close * 10);
  }
}
