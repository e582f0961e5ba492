package dev.stockticker.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** README command 1 works as the README says: a full and two incremental syncs on the sandbox. */
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
    assertTrue(Files.readString(Path.of("demo-output", "state.json")).contains("\"tickers\""));
  }
}
