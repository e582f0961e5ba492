package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.support.Connector;
import dev.stockticker.support.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDiscoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Connector connector() {
    return new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
  }

  @Test
  void specPrintsTheTopLevelSpecFileAsOneMessage() throws Exception {
    Run run = connector().run("spec");

    assertEquals(0, run.exitCode());
    JsonNode spec = run.only("SPEC").get("spec");
    assertEquals(JSON.readTree(Files.readString(Path.of("spec.json"))), spec);
    JsonNode properties = spec.at("/connectionSpecification/properties");
    assertTrue(properties.at("/api_key/airbyte_secret").asBoolean());
    assertEquals(List.of("api_key", "stock_ticker"),
        JSON.convertValue(spec.at("/connectionSpecification/required"), List.class));
  }

  @Test
  void specUsesNoKeywordsAcceptanceTestsForbid() {
    JsonNode spec = connector().run("spec").only("SPEC").get("spec");
    List<String> found = new ArrayList<>();
    collectForbidden(spec.get("connectionSpecification"), "", found);
    assertEquals(List.of(), found);
  }

  private static void collectForbidden(JsonNode node, String path, List<String> found) {
    node.fields().forEachRemaining(field -> {
      String name = field.getKey();
      if (List.of("$ref", "allOf", "anyOf", "not").contains(name)) {
        found.add(path + "/" + name);
      }
      if (name.equals("additionalProperties") && !field.getValue().asBoolean()) {
        found.add(path + "/additionalProperties=false");
      }
      if (field.getValue().isObject()) {
        collectForbidden(field.getValue(), path + "/" + name, found);
      }
    });
  }

  @Test
  void discoverPrintsEveryStreamWithStockPricesFirst() throws Exception {
    Connector connector = connector();
    String config = connector.file("config.json", "{\"api_key\":\"secret-key\",\"stock_ticker\":\"TSLA\"}");

    Run run = connector.run("discover", "--config", config);

    assertEquals(0, run.exitCode());
    JsonNode streams = run.only("CATALOG").at("/catalog/streams");
    List<String> names = new ArrayList<>();
    streams.forEach(listed -> names.add(listed.get("name").asText()));
    assertEquals(List.of("stock_prices", "intraday_prices", "splits", "dividends",
        "ticker_details"), names);
    JsonNode stream = streams.get(0);
    assertEquals("stock_prices", stream.get("name").asText());
    assertEquals(JSON.readTree("[\"full_refresh\",\"incremental\"]"),
        stream.get("supported_sync_modes"));
    assertTrue(stream.get("source_defined_cursor").asBoolean());
    assertTrue(stream.get("is_resumable").asBoolean());
    assertEquals(JSON.readTree("[\"date\"]"), stream.get("default_cursor_field"));
    assertEquals(JSON.readTree("[[\"stock_ticker\"],[\"date\"]]"),
        stream.get("source_defined_primary_key"));
    JsonNode properties = stream.at("/json_schema/properties");
    assertEquals(List.of("date", "stock_ticker", "price", "open", "high", "low", "close",
        "volume", "vwap", "transactions"), fieldNames(properties));
    assertEquals("date", properties.at("/date/format").asText());
    assertEquals(JSON.readTree("[\"null\",\"integer\"]"), properties.at("/transactions/type"));
    for (JsonNode key : stream.get("source_defined_primary_key")) {
      String type = properties.get(key.get(0).asText()).get("type").asText();
      assertFalse(type.equals("object") || type.equals("array"));
    }
  }

  @Test
  void discoverRejectsAnInvalidConfigAsAConfigError() {
    Connector connector = connector();
    String config = connector.file("config.json", "{\"api_key\":\"secret-key\"}");

    Run run = connector.run("discover", "--config", config);

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("stock_ticker"));
    assertTrue(run.ofType("CATALOG").isEmpty());
  }

  @Test
  void configuredCatalogFilesMatchTheDiscoveredStream() throws Exception {
    Connector connector = connector();
    String config = connector.file("config.json", "{\"api_key\":\"secret-key\",\"stock_ticker\":\"TSLA\"}");
    JsonNode discovered = connector.run("discover", "--config", config).only("CATALOG")
        .at("/catalog/streams/0");
    for (String file : List.of("fullrefresh_configured_catalog.json",
        "incremental_configured_catalog.json")) {
      JsonNode configured = JSON.readTree(Files.readString(Path.of(file))).at("/streams/0/stream");
      assertEquals(discovered, configured, file + " should embed the discovered stream");
    }
  }

  @Test
  void usageErrorsAreTraceErrors() {
    Run run = connector().run("read", "--config");

    assertEquals(2, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theReferenceStreamsAreFullRefreshOnlyWithTheirPrimaryKeys() throws Exception {
    Connector connector = connector();
    String config = connector.file("config.json", "{\"api_key\":\"k\",\"stock_ticker\":\"TSLA\"}");

    JsonNode streams = connector.run("discover", "--config", config).only("CATALOG")
        .at("/catalog/streams");

    for (int i = 2; i < 5; i++) {
      JsonNode stream = streams.get(i);
      String name = stream.get("name").asText();
      assertEquals(JSON.readTree("[\"full_refresh\"]"), stream.get("supported_sync_modes"), name);
      assertFalse(stream.get("source_defined_cursor").asBoolean(), name);
      assertFalse(stream.has("default_cursor_field"), name);
      assertFalse(stream.get("is_resumable").asBoolean(), name);
      assertEquals(name.equals("ticker_details") ? "[[\"stock_ticker\"]]" : "[[\"id\"]]",
          stream.get("source_defined_primary_key").toString(), name);
      JsonNode properties = stream.at("/json_schema/properties");
      for (JsonNode key : stream.get("source_defined_primary_key")) {
        assertTrue(properties.has(key.get(0).asText()), name + " declares its key field");
      }
    }
  }
}
