package dev.stockticker.polygon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * One daily bar as Polygon sent it.
 *
 * <p>Prices and volume are {@link JsonNumber}s: exactly what Polygon sent. {@code vwap} and
 * {@code transactions} are null when Polygon omits them, which it does for some tickers and days;
 * {@code transactions} is always a whole number.
 */
public record Bar(
    String ticker,
    long timestamp,
    JsonNumber open,
    JsonNumber high,
    JsonNumber low,
    JsonNumber close,
    JsonNumber volume,
    JsonNumber vwap,
    JsonNumber transactions) {

  /** Polygon stamps daily bars in exchange time; the trading day is the New York date. */
  public static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  private static final ZoneRules MARKET_RULES = MARKET_ZONE.getRules();

  /** The New York date of the bar (midnight for aggregates, 16:00 for grouped daily bars). */
  public LocalDate date() {
    int offsetSeconds = MARKET_RULES.getOffset(Instant.ofEpochMilli(timestamp)).getTotalSeconds();
    return LocalDate.ofEpochDay(Math.floorDiv(Math.floorDiv(timestamp, 1000) + offsetSeconds,
        86_400));
  }
}
