package dev.stockticker.support;

import dev.stockticker.polygon.Timeouts;
import dev.stockticker.sync.Environment;
import dev.stockticker.cli.Main;
import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the connector through its real picocli entry point, in process, with a test clock, fast
 * retries and a sleeper that records waits instead of spending them.
 */
public final class Connector {
  /** Fast versions of the production policies: same shape, milliseconds instead of seconds. */
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(2));

  private final Path dir;
  private ManualClock clock;
  private RetryPolicy syncRetry = FAST_RETRY;
  private RetryPolicy checkRetry = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5),
      Duration.ofMillis(50));
  private Timeouts timeouts =
      new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
          Duration.ofSeconds(10));
  private final List<Duration> sleeps = new ArrayList<>();
  private boolean realSleep;

  public Connector(Path dir, Instant now) {
    this.dir = dir;
    this.clock = new ManualClock(now);
  }

  public ManualClock clock() {
    return clock;
  }

  public Connector syncRetry(RetryPolicy policy) {
    this.syncRetry = policy;
    return this;
  }

  public Connector timeouts(Timeouts timeouts) {
    this.timeouts = timeouts;
    return this;
  }

  /** Really sleep (for tests against a real server-side rate limit). */
  public Connector realSleep() {
    this.realSleep = true;
    return this;
  }

  public List<Duration> sleeps() {
    return sleeps;
  }

  /** Writes {@code content} to a file in the test's folder and returns its path as a string. */
  public String file(String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, content);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Run run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Sleeper recording = duration -> {
      sleeps.add(duration);
      if (realSleep) {
        Sleeper.REAL.sleep(duration);
      }
      clock.advance(duration);
    };
    Environment env =
        new Environment(stdout, clock, recording, syncRetry, checkRetry, timeouts, timeouts);
    int exit = Main.run(args, env);
    return Run.of(exit, stdout.toString(StandardCharsets.UTF_8));
  }
}
