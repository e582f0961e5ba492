package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SecretsAndHostileInputTest {
  /** Distinctive, so any leak in any form is found. */
  private static final String KEY = "SWEEPkey-5f1e8a7c2b9d";

  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon().apiKey(KEY)
      .bars("AAPL", "2024-03-11=175", "2024-03-12=176", "2024-03-13=177");



  private Connector connector() {
    return new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
  }

  private String config(Connector connector, String key, String extra) {
    return connector.file("config.json", String.format("{\"api_key\":\"%s\",\"stock_ticker\":"
        + "\"AAPL\",\"start_date\":\"2024-03-04\",\"base_url\":\"%s\"%s}", key, polygon.baseUrl(),
        extra));
  }

  private static final String CATALOG =
      Path.of("incremental_configured_catalog.json").toAbsolutePath().toString();

  @Test
  void theKeyNeverAppearsInAnyOutputOnAnyPath() {
    List<Run> runs = new ArrayList<>();
    List<Function<RecordedRequest, MockResponse>> faults = List.of(
        request -> null,
        request -> json(500, "{\"error\":\"echo " + KEY + "\"}"),
        request -> json(403, "{\"message\":\"plan of " + KEY + "\"}"),
        request -> json(429, "{\"error\":\"slow " + KEY + "\"}"),
        request -> new MockResponse.Builder().code(200).body("<html>" + KEY + "</html>").build(),
        // A server that puts the key into next_url, then fails on it: the URL shows up in the
        // error, and the key must still be masked.
        request -> request.getUrl().queryParameter("cursor") == null
            ? json(200, "{\"resultsCount\":0,\"next_url\":\"" + polygon.server().url("/v2/aggs/ticker/"
                + "AAPL/range/1/day/2024-03-04/2024-03-13?cursor=x&apiKey=" + KEY) + "\"}")
            : json(502, "{\"error\":\"bad gateway\"}"),
        request -> json(200, "{\"resultsCount\":1,\"next_url\":\"https://elsewhere.example/?"
            + "apiKey=" + KEY + "\",\"results\":[]}"));
    for (Function<RecordedRequest, MockResponse> fault : faults) {
      polygon.override(fault);
      Connector connector = connector();
      String config = config(connector, KEY, "");
      runs.add(connector.run("check", "--config", config));
      runs.add(connector.run("read", "--config", config, "--catalog", CATALOG));
    }
    polygon.override(request -> null);
    Connector connector = connector();
    runs.add(connector.run("check", "--config", config(connector, KEY + "-wrong", "")));
    runs.add(connector.run("read", "--config", config(connector, KEY + "-wrong", ""), "--catalog",
        CATALOG));
    runs.add(connector.run("read", "--config", config(connector, KEY,
        ",\"start_date\":\"" + KEY + "\""), "--catalog", CATALOG));
    runs.add(connector.run("read", "--config", config(connector, KEY, ",\"" + KEY + "\":1"),
        "--catalog", CATALOG));
    runs.add(connector.run("discover", "--config", connector.file("bad.json",
        "{\"api_key\":[\"" + KEY + "\"],\"stock_ticker\":\"AAPL\"}")));
    runs.add(connector.run("read", "--config", connector.file("broken.json",
        "{\"api_key\":\"" + KEY + "\",\"stock_ticker\":\"AAPL\", oops}"), "--catalog", CATALOG));
    // A key left unquoted: the JSON error must not quote the token.
    runs.add(connector.run("check", "--config", connector.file("unquoted.json",
        "{\"api_key\": " + KEY + ", \"stock_ticker\":\"AAPL\"}")));
    // A key pasted with a newline is sent stripped, and must be masked as sent.
    polygon.override(request -> json(400, "{\"error\":\"bad header "
        + request.getHeaders().get("Authorization") + "\"}"));
    runs.add(connector.run("check", "--config", config(connector, KEY + "\\n", "")));
    polygon.override(request -> null);

    for (Run run : runs) {
      assertFalse(run.stdout().contains(KEY), run.stdout());
      assertFalse(run.stdout().contains("SWEEPkey"), run.stdout());
    }
    // The paths really were exercised: errors of each kind were reported.
    assertTrue(runs.stream().anyMatch(r -> r.stdout().contains("transient_error")));
    assertTrue(runs.stream().anyMatch(r -> r.stdout().contains("The API key is invalid")));
    assertTrue(runs.stream().anyMatch(r -> r.stdout().contains("elsewhere.example")));
    assertTrue(runs.stream().anyMatch(r -> r.stdout().contains("bad header Bearer ****")));
    assertTrue(runs.stream().anyMatch(r -> r.stdout().contains("not valid JSON at line 1")));
  }

  @Test
  void aHugeConfigFileIsAConfigErrorNotAnOutOfMemoryCrash() throws IOException {
    Connector connector = connector();
    Path huge = dir.resolve("huge.json");
    try (Writer out = Files.newBufferedWriter(huge)) {
      out.write("{\"api_key\":\"" + KEY + "\",\"stock_ticker\":\"AAPL\",\"padding\":\"");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'x');
      for (int i = 0; i < 20; i++) {
        out.write(chunk);
      }
      out.write("\"}");
    }

    Run run = connector.run("read", "--config", huge.toString(), "--catalog", CATALOG);

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("at most"));
  }

  @Test
  void aDeeplyNestedStateFileIsAConfigError() {
    Connector connector = connector();
    String nested = "[".repeat(100_000) + "]".repeat(100_000);

    Run run = connector.run("read", "--config", config(connector, KEY, ""), "--catalog", CATALOG,
        "--state", connector.file("state.json", nested));

    assertEquals(1, run.exitCode());
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(run.error().get("message").asText().contains("nested too deeply"));
    assertEquals(0, polygon.server().getRequestCount());
  }

  @Test
  void unknownConfigFieldsAreIgnoredWithAWarning() {
    Connector connector = connector();

    Run run = connector.run("read", "--config", config(connector, KEY,
        ",\"platform_added\":{\"x\":1}"), "--catalog", CATALOG);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(3, run.records().size());
    assertTrue(run.ofType("LOG").stream().anyMatch(m ->
        m.at("/log/level").asText().equals("WARN")
            && m.at("/log/message").asText().contains("platform_added")));
  }

  @Test
  void aWrongJsonTypeForTheCatalogIsAConfigError() {
    Connector connector = connector();

    Run run = connector.run("read", "--config", config(connector, KEY, ""), "--catalog",
        connector.file("catalog.json", "\"stock_prices\""));

    assertEquals(1, run.exitCode());
    assertTrue(run.error().get("message").asText().contains("JSON object"));
  }
}
