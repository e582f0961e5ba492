package dev.stockticker.cli;

import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.Sleeper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * What the commands take from the world: stdout, the clock, how to wait, and how patient to be
 * with the network. Production uses {@link #system()}; tests pass their own through the same picocli
 * entry point.
 */
public record Environment(
    OutputStream stdout,
    Clock clock,
    Sleeper sleeper,
    RetryPolicy syncRetry,
    RetryPolicy checkRetry,
    Timeouts timeouts,
    Timeouts checkTimeouts) {

  /** Connect, read (between bytes) and whole-call timeouts of one HTTP request. */
  public record Timeouts(Duration connect, Duration read, Duration call) {
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2));
    /** check answers a person in the UI within seconds. */
    public static final Timeouts CHECK =
        new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
  }

  public static Environment system() {
    // The raw descriptor: System.out's PrintStream would add a second buffer and swallow errors.
    return new Environment(new FileOutputStream(FileDescriptor.out), Clock.systemUTC(),
        Sleeper.REAL, RetryPolicy.SYNC, RetryPolicy.CHECK, Timeouts.DEFAULT, Timeouts.CHECK);
  }
}
