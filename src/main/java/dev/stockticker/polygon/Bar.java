package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
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

  /**
   * The New York offset in force from {@code from} until the next transition, kept because bars
   * come in time order and looking the offset up in the zone rules was a fifth of a record's
   * date arithmetic. Immutable, so a thread that sees another's instance sees it whole.
   */
  private record OffsetPeriod(long from, long until, int offsetSeconds) {
    static OffsetPeriod at(long epochSecond) {
      Instant instant = Instant.ofEpochSecond(epochSecond);
      ZoneOffsetTransition next = MARKET_RULES.nextTransition(instant);
      return new OffsetPeriod(epochSecond, next == null ? Long.MAX_VALUE : next.toEpochSecond(),
          MARKET_RULES.getOffset(instant).getTotalSeconds());
    }
  }

  private static OffsetPeriod lastPeriod = OffsetPeriod.at(0);

  /** The New York date of the bar (midnight for aggregates, 16:00 for grouped daily bars). */
  public LocalDate date() {
    long epochSecond = Math.floorDiv(timestamp, 1000);
    OffsetPeriod period = lastPeriod;
    if (epochSecond < period.from() || epochSecond >= period.until()) {
      period = OffsetPeriod.at(epochSecond);
      lastPeriod = period;
    }
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + period.offsetSeconds(), 86_400));
  }
}
