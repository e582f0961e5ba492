package dev.stockticker.polygon;

import java.time.Duration;
import java.time.Instant;

/** Told before the client waits, so the caller can say why the sync is quiet. */
@FunctionalInterface
public interface WaitListener {
  WaitListener NONE = (reason, wait, until, rateLimited) -> {};

  /**
   * @param reason a sentence for a person, e.g. "Polygon answered 429 for AAPL"
   * @param rateLimited true when the wait is caused by a rate limit (ours or Polygon's)
   */
  void onWait(String reason, Duration wait, Instant until, boolean rateLimited);
}
