package dev.stockticker.polygon;

import java.time.Duration;

/** Waits; a seam so tests of retries and pacing need not spend real time. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
