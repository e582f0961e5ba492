package dev.stockticker.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README command 1 works as the README says: every stream, two incremental syncs, a split
 * re-read and a day of minute bars, on the sandbox.
 */
class DemoIT {
  @Test
  void theDemoRunsEndToEnd() throws Exception {
    Process demo = new ProcessBuilder("bash", "scripts/demo.sh").redirectErrorStream(true).start();
    String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(demo.waitFor(2, TimeUnit.MINUTES));

    assertEquals(0, demo.exitValue(), output);
    assertTrue(output.contains("status: SUCCEEDED"), output);
    assertTrue(output.contains("== full-refresh:") && output.contains("== incremental-2:"), output);
    assertTrue(output.contains("0 of them already final in the first read"), output);
    // The full refresh holds the reference streams too.
    for (String stream : new String[] {"splits", "dividends", "ticker_details"}) {
      assertTrue(output.matches("(?s).*\\n   " + stream + ": [1-9][0-9]* record\\(s\\).*"),
          stream + " in\n" + output);
    }
    // The week-old state predates BRK.B's split: BRK.B alone is read again from its first day.
    assertTrue(output.matches("(?s).*log: BRK\\.B: 3-for-1 forward_split executed .*re-reading "
        + "its whole history.*"), output);
    assertTrue(output.matches("(?s).*intraday_prices AAPL: [1-9][0-9]* record\\(s\\).*"), output);
    assertTrue(output.contains("intraday sessions:"), output);
    assertTrue(Files.readString(Path.of("demo-output", "state.json")).contains("\"tickers\""));
  }
}
