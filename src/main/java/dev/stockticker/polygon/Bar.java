package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;

/**
 * One aggregate bar as Polygon sent it.
 *
 * <p>Prices and volume are {@link JsonNumber}s: exactly what Polygon sent. {@code vwap} and
 * {@code transactions} are null when Polygon omits them, which it does for some tickers and days;
 * {@code transactions} is always a whole number. {@code timestamp} is the start of the bar in
 * epoch milliseconds; which market day that is depends on the ticker's market, which the caller
 * knows.
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
    JsonNumber transactions) {}
