package dev.stockticker.polygon;

import java.time.Duration;

/** Connect, read (between bytes) and whole-call timeouts of one HTTP request. */
public record Timeouts(Duration connect, Duration read, Duration call) {
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2));
  /** check answers a person in the UI within seconds. */
  public static final Timeouts CHECK =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
}
