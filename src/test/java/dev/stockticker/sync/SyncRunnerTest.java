package dev.stockticker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stockticker.polygon.PolygonException;
import dev.stockticker.polygon.Sleeper;
import dev.stockticker.polygon.Timeouts;
import dev.stockticker.protocol.ConfiguredCatalog;
import dev.stockticker.protocol.ConfiguredCatalog.ConfiguredStream;
import dev.stockticker.protocol.FailureType;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.RecordOutput;
import dev.stockticker.protocol.SecretScrubber;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runner with two streams: stock_prices against a fake Polygon, and a test-only stream whose
 * state is a counter, which can be told to fail.
 */
class SyncRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Wednesday 2024-03-13, 11:00 in New York. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-13T15:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension final FakePolygon polygon = FakePolygon.aaplAndMsftInMarch2024();

  /** A stream that emits {@code records} records numbered on from its state's {@code n}. */
  private static final class Counter implements Stream {
    private final String name;
    private final int records;
    private final RuntimeException failAfter;

    Counter(String name, int records, RuntimeException failAfter) {
      this.name = name;
      this.records = records;
      this.failAfter = failAfter;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<List<String>> primaryKey() {
      return List.of(List.of("n"));
    }

    @Override
    public List<String> cursorField() {
      return List.of("n");
    }

    @Override
    public Read open(SyncMode mode, JsonNode state, SyncContext context) {
      int[] n = {state == null ? 0 : state.path("n").asInt()};
      return new Read() {
        @Override
        public void run(StreamOutput out) {
          for (int i = 0; i < records; i++) {
            int value = ++n[0];
            out.record(data -> data.number(RecordOutput.Name.of("n"),
                dev.stockticker.json.JsonNumber.of(Integer.toString(value))));
            out.checkpoint(state());
          }
          if (failAfter != null) {
            throw failAfter;
          }
        }

        @Override
        public JsonNode state() {
          return JsonNodeFactory.instance.objectNode().put("n", n[0]);
        }
      };
    }
  }

  private record Outcome(Run run, RuntimeException thrown) {
    List<String> statuses(String stream) {
      return run.ofType("TRACE").stream()
          .filter(m -> m.path("trace").path("type").asText().equals("STREAM_STATUS"))
          .map(m -> m.path("trace").path("stream_status"))
          .filter(s -> s.path("stream_descriptor").path("name").asText().equals(stream))
          .map(s -> s.path("status").asText())
          .collect(Collectors.toList());
    }

    List<JsonNode> states(String stream) {
      return run.states().stream().map(m -> m.path("state").path("stream"))
          .filter(s -> s.path("stream_descriptor").path("name").asText().equals(stream))
          .map(s -> s.path("stream_state"))
          .collect(Collectors.toList());
    }

    /** The stream each message is about, in order, with consecutive repeats collapsed. */
    List<String> streamOrder() {
      List<String> order = new ArrayList<>();
      for (JsonNode message : run.messages()) {
        String stream = message.path("record").path("stream").asText(
            message.path("state").path("stream").path("stream_descriptor").path("name").asText(
                message.path("trace").path("stream_status").path("stream_descriptor")
                    .path("name").asText("")));
        if (!stream.isEmpty() && (order.isEmpty() || !order.get(order.size() - 1).equals(stream))) {
          order.add(stream);
        }
      }
      return order;
    }
  }

  private Outcome read(List<Stream> registry, List<String> catalogOrder, String stateJson)
      throws Exception {
    Config config = Config.parse(JSON.readTree(String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"AAPL, MSFT\",\"start_date\":\"2024-03-04\","
            + "\"base_url\":\"%s\"}", polygon.baseUrl())), "config.json", CLOCK).config();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    MessageWriter out = new MessageWriter(stdout, CLOCK, new SecretScrubber());
    Environment env = new Environment(stdout, CLOCK, Sleeper.REAL, Connector.FAST_RETRY,
        Connector.FAST_RETRY, Timeouts.CHECK, Timeouts.CHECK);
    ConfiguredCatalog catalog = new ConfiguredCatalog(catalogOrder.stream()
        .map(name -> new ConfiguredStream(name, SyncMode.INCREMENTAL)).toList());
    Map<String, JsonNode> states = new LinkedHashMap<>();
    JSON.readTree(stateJson).fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue()));
    RuntimeException thrown = null;
    try {
      new SyncRunner(registry, out).read(config, env, catalog, "catalog.json", states,
          "state.json");
    } catch (RuntimeException e) {
      thrown = e;
    }
    out.flush();
    return new Outcome(Run.of(thrown == null ? 0 : 1, stdout.toString(StandardCharsets.UTF_8)),
        thrown);
  }

  @Test
  void eachStreamHasItsOwnStateBlobAndStatusesInCatalogOrder() throws Exception {
    List<Stream> registry = List.of(new StockPricesStream(), new Counter("counter", 3, null));
    Outcome outcome = read(registry, List.of("counter", "stock_prices"),
        "{\"counter\":{\"n\":10},\"stock_prices\":{\"date\":\"2024-03-10\"}}");

    assertNull(outcome.thrown());
    assertEquals(List.of("counter", "stock_prices"), outcome.streamOrder());
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), outcome.statuses("counter"));
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), outcome.statuses("stock_prices"));
    // The counter resumed from its own blob, and its STATEs carry only that blob.
    assertEquals(List.of("{\"n\":11}", "{\"n\":12}", "{\"n\":13}"),
        outcome.states("counter").stream().map(JsonNode::toString).toList());
    for (JsonNode state : outcome.states("stock_prices")) {
      assertEquals(List.of("date", "tickers", "first_synced", "adjusted_through"),
          fieldNames(state));
    }
    // stock_prices resumed from its cursor: only 03-11 onward.
    assertEquals(List.of("AAPL 2024-03-11", "AAPL 2024-03-12", "AAPL 2024-03-13",
        "MSFT 2024-03-11", "MSFT 2024-03-12", "MSFT 2024-03-13"),
        outcome.run().records().stream().filter(r -> r.has("stock_ticker"))
            .map(r -> r.get("stock_ticker").asText() + " " + r.get("date").asText()).toList());
  }

  @Test
  void aFailingStreamIsIncompleteAndTheNextStreamStillRuns() throws Exception {
    PolygonException outage = new PolygonException(PolygonException.Kind.SERVER_ERROR, 503, null,
        "Polygon answered HTTP 503 for counter", true, null);
    List<Stream> registry = List.of(new StockPricesStream(), new Counter("counter", 2, outage));
    Outcome outcome = read(registry, List.of("counter", "stock_prices"), "{}");

    assertEquals(outage, outcome.thrown(), "one failed stream: its own failure, unchanged");
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), outcome.statuses("counter"));
    assertEquals("{\"n\":2}", last(outcome.states("counter")).toString(),
        "the failed stream's last STATE covers what it emitted");
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), outcome.statuses("stock_prices"));
    assertEquals(8 + 5, outcome.run().records().stream().filter(r -> r.has("stock_ticker"))
        .count());
  }

  @Test
  void twoFailedStreamsGiveOneErrorNamingBoth() throws Exception {
    PolygonException outage = new PolygonException(PolygonException.Kind.SERVER_ERROR, 503, null,
        "Polygon answered HTTP 503", true, null);
    PolygonException plan = new PolygonException(PolygonException.Kind.NOT_AUTHORIZED, 403,
        "NOT_AUTHORIZED", "Polygon answered HTTP 403", false, null);
    List<Stream> registry = List.of(new Counter("first", 1, plan), new Counter("second", 1, outage),
        new Counter("third", 1, null));
    Outcome outcome = read(registry, List.of("first", "second", "third"), "{}");

    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), outcome.statuses("first"));
    assertEquals(List.of("STARTED", "RUNNING", "INCOMPLETE"), outcome.statuses("second"));
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"), outcome.statuses("third"));
    Failures.Failure failure = Failures.classify(outcome.thrown());
    assertTrue(failure.message().contains("first: Your Polygon plan does not allow"),
        failure.message());
    assertTrue(failure.message().contains("second: Polygon answered HTTP 503"), failure.message());
    assertTrue(!failure.message().contains("third"), failure.message());
    assertEquals(FailureType.TRANSIENT_ERROR, failure.type(), "the more serious of the two");
  }

  @Test
  void aRejectedKeyStopsTheReadAtOnce() throws Exception {
    PolygonException badKey = new PolygonException(PolygonException.Kind.UNAUTHORIZED, 401,
        "Unknown API Key", "Polygon answered HTTP 401", false, null);
    List<Stream> registry = List.of(new Counter("first", 0, badKey), new Counter("second", 1, null));
    Outcome outcome = read(registry, List.of("first", "second"), "{}");

    assertEquals(badKey, outcome.thrown());
    assertEquals(List.of("STARTED", "INCOMPLETE"), outcome.statuses("first"));
    assertEquals(List.of(), outcome.statuses("second"));
  }

  @Test
  void stateOfAnUnknownStreamIsIgnoredWithAWarning() throws Exception {
    List<Stream> registry = List.of(new Counter("counter", 1, null));
    Outcome outcome = read(registry, List.of("counter"),
        "{\"counter\":{\"n\":1},\"retired_stream\":{\"n\":99}}");

    assertNull(outcome.thrown());
    List<JsonNode> warnings = outcome.run().ofType("LOG").stream()
        .filter(m -> m.path("log").path("level").asText().equals("WARN")).toList();
    assertEquals(1, warnings.size(), outcome.run().stdout());
    assertTrue(warnings.get(0).path("log").path("message").asText().contains("retired_stream"));
    assertEquals("{\"n\":2}", last(outcome.states("counter")).toString());
  }

  @Test
  void discoverListsEveryRegisteredStream() {
    JsonNode catalog = new SyncRunner(
        List.of(new StockPricesStream(), new Counter("counter", 0, null)),
        new MessageWriter(new ByteArrayOutputStream(), CLOCK, new SecretScrubber())).catalog();
    assertEquals(List.of("stock_prices", "counter"), catalog.path("streams").findValuesAsText(
        "name").stream().filter(n -> n.equals("stock_prices") || n.equals("counter")).toList());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode last(List<JsonNode> nodes) {
    return nodes.get(nodes.size() - 1);
  }
}
