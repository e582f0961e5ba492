package dev.stockticker.polygon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One daily bar as Polygon sends it. {@code vwap} and {@code transactions} are null when Polygon
 * omits them, which it does for some tickers and days.
 */
public record Bar(
    String ticker,
    long timestamp,
    double open,
    double high,
    double low,
    double close,
    double volume,
    Double vwap,
    Long transactions) {

  /** Polygon stamps daily bars in exchange time; the trading day is the New York date. */
  public static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  public LocalDate date() {
    return Instant.ofEpochMilli(timestamp).atZone(MARKET_ZONE).toLocalDate();
  }
}
