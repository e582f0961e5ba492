package dev.stockticker.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The market day of a ticker: in which time zone its bars are dated, which date is "today" there,
 * and which days it trades. Nothing else in the connector computes these.
 *
 * <p>Polygon stamps daily bars of New York markets (stocks, OTC, options, indices) at New York
 * midnight, or 16:00 for grouped daily bars, and those markets keep the NYSE calendar. Crypto and
 * forex daily bars start at 00:00 UTC and are not bound to it: crypto trades every day, and forex
 * is treated the same (weekend bars are not confirmed either way; asking for a day without bars
 * costs nothing in a per-ticker request, while skipping a day with bars would lose them).
 */
public enum MarketCalendar {
  NEW_YORK(ZoneId.of("America/New_York")) {
    @Override
    public boolean isTradingDay(LocalDate date) {
      return NyseCalendar.isTradingDay(date);
    }
  },
  UTC(ZoneOffset.UTC) {
    @Override
    public boolean isTradingDay(LocalDate date) {
      return true;
    }
  };

  private final ZoneId zone;
  private final ZoneRules rules;
  /**
   * The offset in force from {@code from} until the next transition, kept because bars come in
   * time order and looking the offset up in the zone rules was a fifth of a record's date
   * arithmetic. Immutable, so a thread that sees another's instance sees it whole.
   */
  private volatile OffsetPeriod lastPeriod;

  MarketCalendar(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.lastPeriod = OffsetPeriod.at(rules, 0);
  }

  /** The market of a Polygon ticker, by its prefix: {@code X:} crypto and {@code C:} forex are UTC. */
  public static MarketCalendar of(String ticker) {
    return ticker.startsWith("X:") || ticker.startsWith("C:") ? UTC : NEW_YORK;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The market's date now: a day before it is over, and so final. */
  public LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(zone));
  }

  /** Whether the market may have a daily bar on {@code date}. */
  public abstract boolean isTradingDay(LocalDate date);

  /** The market date of an instant in epoch milliseconds, such as a bar's {@code t}. */
  public LocalDate dateOf(long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000);
    OffsetPeriod period = lastPeriod;
    if (epochSecond < period.from() || epochSecond >= period.until()) {
      period = OffsetPeriod.at(rules, epochSecond);
      lastPeriod = period;
    }
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + period.offsetSeconds(), 86_400));
  }

  private record OffsetPeriod(long from, long until, int offsetSeconds) {
    static OffsetPeriod at(ZoneRules rules, long epochSecond) {
      Instant instant = Instant.ofEpochSecond(epochSecond);
      ZoneOffsetTransition next = rules.nextTransition(instant);
      return new OffsetPeriod(epochSecond, next == null ? Long.MAX_VALUE : next.toEpochSecond(),
          rules.getOffset(instant).getTotalSeconds());
    }
  }
}
