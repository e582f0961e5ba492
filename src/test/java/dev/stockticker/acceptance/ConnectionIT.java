package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;

/**
 * CAT's connection tests (test_core.py, TestConnection): {@code check} with each config the yml
 * lists must report what the entry's status expects (SUCCEEDED, FAILED, or for an exception a
 * TRACE ERROR), and a reported outcome must exit 0: the platform reads it from the message, and
 * a non-zero exit would turn a wrong key into a crash.
 */
class ConnectionIT extends AcceptanceSection {
  ConnectionIT() {
    super("connection");
  }

  @Override
  List<DynamicNode> checks(Entry e) {
    String status = text(e.test, "status", "succeed");
    List<DynamicNode> checks = new ArrayList<>();
    checks.add(e.check("test_check", () -> {
      Config config = e.config(!status.equals("succeed"));
      Output output = e.run(config.secrets(), "check", "--config", config.file().toString());
      if (status.equals("exception")) {
        List<JsonNode> traces = output.ofType("TRACE");
        if (traces.size() != 1 || output.traces("ERROR").isEmpty()
            || !output.traces("ERROR").get(0).path("error").path("message").isTextual()) {
          throw new AssertionError("A trace message should be emitted in case of unexpected "
              + "errors; got " + traces.size() + " TRACE" + output.diagnostics());
        }
        return "TRACE ERROR: " + output.traces("ERROR").get(0).path("error").path("message")
            .asText();
      }
      if (output.exitCode() != 0) {
        throw new AssertionError("check must exit 0 whatever the outcome" + output.diagnostics());
      }
      JsonNode connectionStatus =
          output.only("CONNECTION_STATUS", "Connection status").path("connectionStatus");
      String expected = status.equals("succeed") ? "SUCCEEDED" : "FAILED";
      String actual = connectionStatus.path("status").asText();
      if (!expected.equals(actual)) {
        throw new AssertionError("expected status " + expected + " but got " + actual + ": "
            + connectionStatus.path("message").asText() + output.diagnostics());
      }
      return actual + ": " + ConnectorProcess.abbreviate(connectionStatus.path("message")
          .asText());
    }));
    return checks;
  }
}
