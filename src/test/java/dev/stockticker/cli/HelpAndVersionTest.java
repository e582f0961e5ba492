package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.Sleeper;
import dev.stockticker.polygon.Timeouts;
import dev.stockticker.sync.Environment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** --help and --version are for people; they are plain text, not protocol messages. */
class HelpAndVersionTest {
  private static Environment environment(ByteArrayOutputStream stdout) {
    return new Environment(stdout, Clock.systemUTC(), Sleeper.REAL, RetryPolicy.SYNC,
        RetryPolicy.CHECK, Timeouts.DEFAULT, Timeouts.CHECK);
  }

  private static String run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    assertEquals(0, Main.run(args, environment(stdout)));
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theFastSpecPathPrintsWhatPicocliSpecPrints() {
    ByteArrayOutputStream fast = new ByteArrayOutputStream();
    assertEquals(0, Main.runSpec(environment(fast)));

    assertEquals(run("spec"), fast.toString(StandardCharsets.UTF_8));
    assertTrue(fast.toString(StandardCharsets.UTF_8).startsWith("{\"type\":\"SPEC\""));
  }

  @Test
  void versionPrintsTheConnectorVersion() {
    String out = run("--version");
    assertTrue(out.matches("source-stock-ticker-api \\d+\\.\\d+\\.\\d+\\n"), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spec", "check", "discover", "read"})
  void everyCommandHasHelp(String command) {
    String out = run(command, "--help");
    assertTrue(out.startsWith("Usage: source-stock-ticker-api " + command), out);
  }

  @Test
  void theRootListsTheCommands() {
    String out = run("--help");
    for (String command : new String[] {"spec", "check", "discover", "read"}) {
      assertTrue(out.contains("  " + command + " "), out);
    }
  }
}
