package dev.stockticker.polygon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * One daily bar as Polygon sent it.
 *
 * <p>The prices and volume are kept as the JSON number text Polygon sent (checked to be numbers
 * when parsed): they reach the destination digit for digit, with no binary floating-point round
 * trip, and formatting doubles back to text was the costliest step of a read. {@code vwap} and
 * {@code transactions} are null when Polygon omits them, which it does for some tickers and days;
 * {@code transactions} is always an integer.
 */
public record Bar(
    String ticker,
    long timestamp,
    String open,
    String high,
    String low,
    String close,
    String volume,
    String vwap,
    String transactions) {

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
