package dev.stockticker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Reads of the intraday_prices stream through the real entry point against a {@link FakePolygon},
 * and intraday aggregates bodies shaped as Polygon's (../shared/docs/
 * polygon-reference-and-intraday.md §5) to answer them with.
 */
public final class Intraday {
  public static final String CATALOG = "{\"streams\":[{\"stream\":{\"name\":\"intraday_prices\"},"
      + "\"sync_mode\":\"%s\",\"destination_sync_mode\":\"append_dedup\"}]}";

  private static final Pattern RANGE =
      Pattern.compile("/v2/aggs/ticker/([^/]+)/range/(\\d+)/(\\w+)/(\\d+)/(\\d+)");
  private static final JsonSchema SCHEMA = loadSchema();

  private final Path dir;
  private final FakePolygon polygon;

  public Intraday(Path dir, FakePolygon polygon) {
    this.dir = dir;
    this.polygon = polygon;
  }

  /**
   * Reads intraday_prices at {@code now} for {@code tickers}, with the config fields {@code
   * extra} (JSON members, each with its leading comma), in {@code mode} ("incremental" or
   * "full_refresh"), from the state file content {@code state} (null for none).
   */
  public Run read(Instant now, String tickers, String extra, String mode, String state) {
    return read(new Connector(dir, now), tickers, extra, mode, state);
  }

  public Run read(Connector connector, String tickers, String extra, String mode, String state) {
    String config = connector.file("config.json", String.format("{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"%s\",\"base_url\":\"%s\"%s}", tickers, polygon.baseUrl(), extra));
    String catalog = connector.file("catalog.json", String.format(CATALOG, mode));
    return state == null ? connector.run("read", "--config", config, "--catalog", catalog)
        : connector.run("read", "--config", config, "--catalog", catalog, "--state",
            connector.file("state.json", state));
  }

  /** The requests received since the last call, as path and query. */
  public List<String> requests() throws InterruptedException {
    List<String> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = polygon.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request.getTarget());
    }
    return requests;
  }

  /** Epoch milliseconds of an ISO instant, as a bar's {@code t} or a request bound. */
  public static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /**
   * A bar starting at {@code start} (an ISO instant) in Polygon's compact form: open 1 below
   * {@code close}, high 2 above, low 2 below, vwap 0.5 above, volume 100 times it, as many trades.
   */
  public static String bar(String start, int close) {
    return String.format("{\"v\":%d,\"vw\":%d.5,\"o\":%d,\"c\":%d,\"h\":%d,\"l\":%d,\"t\":%d,"
        + "\"n\":%d}", close * 100, close, close - 1, close, close + 2, close - 2, millis(start),
        close);
  }

  /** A response of {@code bars}, with {@code nextUrl} when it is not null. */
  public static String page(String nextUrl, List<String> bars) {
    return "{\"ticker\":\"T\",\"status\":\"OK\",\"adjusted\":true,\"queryCount\":" + bars.size()
        + ",\"resultsCount\":" + bars.size() + ",\"request_id\":\"r\""
        + (bars.isEmpty() ? "" : ",\"results\":[" + String.join(",", bars) + "]")
        + (nextUrl == null ? "" : ",\"next_url\":\"" + nextUrl + "\"") + "}";
  }

  /**
   * Answers intraday requests as Polygon does from {@code bars} (ticker to ISO start to close):
   * the bars from the request's {@code from} to its {@code to} (epoch milliseconds), ascending,
   * {@code pageSize} to a page, with a next_url whose {@code from} is the next bar's start. Other
   * requests go on to the sandbox.
   */
  public static Function<RecordedRequest, MockResponse> serving(FakePolygon polygon,
      Map<String, Map<String, Integer>> bars, int pageSize) {
    return request -> {
      Matcher range = RANGE.matcher(request.getUrl().encodedPath());
      if (!range.matches()) {
        return null;
      }
      long from = Long.parseLong(range.group(4));
      long to = Long.parseLong(range.group(5));
      TreeMap<Long, String> inRange = new TreeMap<>();
      bars.getOrDefault(range.group(1), Map.of()).forEach((start, close) -> {
        if (millis(start) >= from && millis(start) <= to) {
          inRange.put(millis(start), bar(start, close));
        }
      });
      List<String> page = new ArrayList<>(inRange.values());
      String next = null;
      if (page.size() > pageSize) {
        long nextStart = new ArrayList<>(inRange.keySet()).get(pageSize);
        next = polygon.baseUrl() + String.format("v2/aggs/ticker/%s/range/%s/%s/%d/%d"
            + "?cursor=c%d", range.group(1), range.group(2), range.group(3), nextStart, to,
            nextStart);
        page = page.subList(0, pageSize);
      }
      return FakePolygon.json(200, page(next, page));
    };
  }

  /** Fails unless every record is valid against the stream's schema, formats included. */
  public static void assertRecordsMatchTheSchema(Run run) {
    for (JsonNode record : run.records()) {
      Set<ValidationMessage> errors = SCHEMA.validate(record);
      if (!errors.isEmpty()) {
        throw new AssertionError("Not a valid intraday_prices record: " + errors + "\n" + record);
      }
    }
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = Intraday.class.getResourceAsStream("/schemas/intraday_prices.json")) {
      return ProtocolSchema.draft7(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "AAPL 2024-03-08T14:30:00Z 2024-03-08 regular 170" for each record: what tests compare. */
  public static List<String> rows(Run run) {
    return run.records().stream().map(r -> String.join(" ", r.get("stock_ticker").asText(),
        r.get("timestamp").asText(), r.get("date").asText(), r.get("session").asText(),
        r.get("close").asText())).toList();
  }
}
