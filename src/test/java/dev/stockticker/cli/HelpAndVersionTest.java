package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.Sleeper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** --help and --version are for people; they are plain text, not protocol messages. */
class HelpAndVersionTest {
  private static String run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int exit = Main.run(args, new Environment(stdout, Clock.systemUTC(), Sleeper.REAL,
        RetryPolicy.SYNC, RetryPolicy.CHECK, Environment.Timeouts.DEFAULT,
        Environment.Timeouts.CHECK));
    assertEquals(0, exit);
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Test
  void versionPrintsTheConnectorVersion() {
    String out = run("--version");
    assertTrue(out.matches("source-stock-ticker-api (\\d+\\.\\d+\\.\\d+|dev)\\n"), out);
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
