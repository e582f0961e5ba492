package dev.stockticker.cli;

import static dev.stockticker.support.FakePolygon.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon = new FakePolygon()
      .bars("AAPL", "2024-03-11=170", "2024-03-12=171", "2024-03-13=172");
  private Connector connector;

  @BeforeEach
  void start() {
    connector = new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
  }


  private String config(String key, String tickers) {
    return connector.file("config.json", String.format(
        "{\"api_key\":\"%s\",\"stock_ticker\":\"%s\",\"base_url\":\"%s\"}", key, tickers,
        polygon.baseUrl()));
  }

  private JsonNode status(Run run) {
    assertEquals(0, run.exitCode(), "check exits 0 whatever the outcome");
    return run.only("CONNECTION_STATUS").get("connectionStatus");
  }

  @Test
  void succeedsWithOneRequestForTheFirstTickersRecentBars() throws Exception {
    JsonNode status = status(connector.run("check", "--config", config("test-key-123",
        "aapl, MSFT")));

    assertEquals("SUCCEEDED", status.get("status").asText());
    assertEquals(1, polygon.server().getRequestCount());
    RecordedRequest request = polygon.server().takeRequest();
    assertEquals("/v2/aggs/ticker/AAPL/range/1/day/2024-03-06/2024-03-13", request.getUrl()
        .encodedPath());
    assertEquals("true", request.getUrl().queryParameter("adjusted"));
    assertEquals("asc", request.getUrl().queryParameter("sort"));
    assertEquals("50000", request.getUrl().queryParameter("limit"));
    assertEquals("Bearer test-key-123", request.getHeaders().get("Authorization"));
    assertFalse(request.getUrl().toString().contains("test-key-123"));
    assertTrue(status.get("message").asText().contains("3 bar(s) of AAPL"));
  }

  @Test
  void anHttpsBaseUrlIsSpokenToOverTls() {
    String plainHttp = polygon.baseUrl().toString();
    String config = connector.file("config.json", String.format(
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"AAPL\",\"base_url\":\"%s\"}",
        plainHttp.replace("http://", "https://")));

    JsonNode status = status(connector.run("check", "--config", config));

    // The connection specs are chosen by scheme: an https base URL must get a TLS spec. The
    // server speaks plain HTTP, so the handshake fails (or waits for a server hello that never
    // comes); with only cleartext specs OkHttp would refuse to connect at all instead.
    assertEquals("FAILED", status.get("status").asText());
    String message = status.get("message").asText();
    assertTrue(message.contains("SSL") || message.contains("Read timed out"), message);
  }

  @Test
  void unauthorizedMeansTheKeyIsInvalid() {
    JsonNode status = status(connector.run("check", "--config", config("wrong-key-456", "AAPL")));

    assertEquals("FAILED", status.get("status").asText());
    assertTrue(status.get("message").asText().startsWith("The API key is invalid"),
        status.toString());
    assertTrue(status.get("message").asText().contains("Unknown API Key"));
  }

  @Test
  void forbiddenCarriesPolygonsMessageAndDoesNotBlameTheKey() {
    polygon.override(request -> json(403, "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"x\","
        + "\"message\":\"Your plan doesn't include this data timeframe.\"}"));

    JsonNode status = status(connector.run("check", "--config", config("test-key-123", "AAPL")));

    assertEquals("FAILED", status.get("status").asText());
    String message = status.get("message").asText();
    assertTrue(message.contains("Your plan doesn't include this data timeframe."), message);
    assertFalse(message.contains("invalid"), message);
    assertEquals(1, polygon.server().getRequestCount(), "403 is never retried");
  }

  @Test
  void serverErrorsReportStatusTextAndHost() {
    polygon.override(request -> json(503, "{\"status\":\"ERROR\",\"error\":\"maintenance\"}"));

    JsonNode status = status(connector.run("check", "--config", config("test-key-123", "AAPL")));

    String message = status.get("message").asText();
    assertEquals("FAILED", status.get("status").asText());
    assertTrue(message.contains("503") && message.contains("maintenance")
        && message.contains(polygon.server().getHostName()), message);
    assertEquals(2, polygon.server().getRequestCount(), "check retries once, briefly");
  }

  @Test
  void networkFailuresAreFailedStatuses() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String config = connector.file("config.json", "{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL\",\"base_url\":\"http://127.0.0.1:" + closedPort + "\"}");

    JsonNode status = status(connector.run("check", "--config", config));

    assertEquals("FAILED", status.get("status").asText());
    assertTrue(status.get("message").asText().contains("127.0.0.1:" + closedPort),
        status.toString());
  }

  @Test
  void configErrorsAreFailedStatusesNamingTheField() {
    String config = connector.file("config.json",
        "{\"api_key\":\"test-key-123\",\"stock_ticker\":\"AAPL\",\"start_date\":\"2024-13-01\"}");

    JsonNode status = status(connector.run("check", "--config", config));

    assertEquals("FAILED", status.get("status").asText());
    String message = status.get("message").asText();
    assertTrue(message.contains("start_date") && message.contains("YYYY-MM-DD")
        && message.contains(config), message);
    assertEquals(0, polygon.server().getRequestCount());
  }
}
