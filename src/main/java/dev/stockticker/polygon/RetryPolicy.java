package dev.stockticker.polygon;

import java.time.Duration;

/**
 * How hard to try a request: at most {@code maxAttempts} tries, exponential backoff from {@code
 * initialBackoff} doubling up to {@code maxBackoff} with jitter, and never more than {@code
 * maxTotalWait} of waiting for one request in all.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {

  /** For syncs: rides out a free plan's one-minute window and short outages. */
  public static final RetryPolicy SYNC =
      new RetryPolicy(8, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(5));

  /** For check: a person is waiting on the screen, so one quick retry at most. */
  public static final RetryPolicy CHECK =
      new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The backoff before attempt {@code attempt + 1}, before jitter. */
  Duration backoff(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
