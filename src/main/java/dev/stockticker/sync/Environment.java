package dev.stockticker.sync;

import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.Sleeper;
import dev.stockticker.polygon.Timeouts;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * What a run of the connector takes from the world: stdout, the clock, how to wait, and how
 * patient to be with the network. Production uses {@link #system()}; tests pass their own through
 * the same picocli entry point.
 */
public record Environment(
    OutputStream stdout,
    Clock clock,
    Sleeper sleeper,
    RetryPolicy syncRetry,
    RetryPolicy checkRetry,
    Timeouts timeouts,
    Timeouts checkTimeouts) {

  public static Environment system() {
    // The raw descriptor: System.out's PrintStream would add a second buffer and swallow errors.
    return new Environment(new FileOutputStream(FileDescriptor.out), Clock.systemUTC(),
        Sleeper.REAL, RetryPolicy.SYNC, RetryPolicy.CHECK, Timeouts.DEFAULT, Timeouts.CHECK);
  }
}
