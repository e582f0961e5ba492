package dev.stockticker.polygon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces request starts. With a configured requests-per-minute the spacing is fixed at 60 s / N, so
 * no 60-second window ever holds more than N requests. Without one the connector runs unpaced until
 * Polygon answers 429; from then on each 429 doubles the spacing (1 s, 2 s, ... 60 s) for the rest
 * of the run rather than hammering the API.
 */
final class Pacer {
  private static final Duration FIRST_SLOWDOWN = Duration.ofSeconds(1);
  private static final Duration SLOWEST = Duration.ofSeconds(60);

  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean configured;
  private Duration interval;
  private Instant nextStart = Instant.MIN;

  Pacer(Integer requestsPerMinute, Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.configured = requestsPerMinute != null;
    this.interval =
        configured ? Duration.ofMillis((60_000L + requestsPerMinute - 1) / requestsPerMinute)
            : Duration.ZERO;
  }

  /** Blocks until the next request may start. */
  void awaitTurn(WaitListener listener) throws InterruptedException {
    Instant now = clock.instant();
    if (now.isBefore(nextStart)) {
      Duration wait = Duration.between(now, nextStart);
      listener.onWait(
          configured
              ? "Pacing requests to stay under the configured requests_per_minute"
              : "Pacing requests after Polygon rate-limited this run",
          wait, nextStart, true);
      sleeper.sleep(wait);
      now = nextStart;
    }
    nextStart = now.plus(interval);
  }

  void onRateLimited() {
    if (!configured) {
      Duration doubled = interval.isZero() ? FIRST_SLOWDOWN : interval.multipliedBy(2);
      interval = doubled.compareTo(SLOWEST) > 0 ? SLOWEST : doubled;
    }
  }

  /** Whether requests may start back to back: no requests_per_minute, and no 429 yet. */
  boolean unpaced() {
    return interval.isZero();
  }

  Duration interval() {
    return interval;
  }
}
