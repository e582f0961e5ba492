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

    @Override
    public Session sessionOf(long epochMillis) {
      long local = localEpochSecond(epochMillis);
      long day = Math.floorDiv(local, SECONDS_PER_DAY);
      int second = (int) (local - day * SECONDS_PER_DAY);
      if (second < OPEN_SECOND) {
        return Session.PRE;
      }
      DayClose close = lastClose;
      if (close.epochDay() != day) { // bars come in time order: one look-up per day
        close = new DayClose(day,
            NyseCalendar.close(LocalDate.ofEpochDay(day)).toSecondOfDay());
        lastClose = close;
      }
      return second < close.second() ? Session.REGULAR : Session.POST;
    }
  },
  UTC(ZoneOffset.UTC) {
    @Override
    public boolean isTradingDay(LocalDate date) {
      return true;
    }

    /** Crypto and forex trade around the clock: no sessions. */
    @Override
    public Session sessionOf(long epochMillis) {
      return null;
    }
  };

  private static final long SECONDS_PER_DAY = 86_400;
  private static final int OPEN_SECOND = NyseCalendar.OPEN.toSecondOfDay();

  private final ZoneId zone;
  private final ZoneRules rules;
  /**
   * The offset in force from {@code from} until the next transition, kept because bars come in
   * time order and looking the offset up in the zone rules was a fifth of a record's date
   * arithmetic. Immutable, so a thread that sees another's instance sees it whole.
   */
  private volatile OffsetPeriod lastPeriod;
  /**
   * The close of the last day {@link #sessionOf} looked up, kept for the same reason. Not private,
   * so the constants' bodies can reach it.
   */
  volatile DayClose lastClose = new DayClose(Long.MIN_VALUE, 0);

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
    return LocalDate.ofEpochDay(Math.floorDiv(localEpochSecond(epochMillis), SECONDS_PER_DAY));
  }

  /**
   * The session of the market day a bar starting at {@code epochMillis} starts in, by the
   * market's clock (so across daylight-saving changes too), or null for a market without
   * sessions.
   */
  public abstract Session sessionOf(long epochMillis);

  /** The first instant of the market day {@code date}. */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** The instant's seconds since the epoch on the market's wall clock. */
  long localEpochSecond(long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000);
    OffsetPeriod period = lastPeriod;
    if (epochSecond < period.from() || epochSecond >= period.until()) {
      period = OffsetPeriod.at(rules, epochSecond);
      lastPeriod = period;
    }
    return epochSecond + period.offsetSeconds();
  }

  /** When the regular session of the local day {@code epochDay} ends, in seconds of that day. */
  record DayClose(long epochDay, int second) {}

  private record OffsetPeriod(long from, long until, int offsetSeconds) {
    static OffsetPeriod at(ZoneRules rules, long epochSecond) {
      Instant instant = Instant.ofEpochSecond(epochSecond);
      ZoneOffsetTransition next = rules.nextTransition(instant);
      return new OffsetPeriod(epochSecond, next == null ? Long.MAX_VALUE : next.toEpochSecond(),
          rules.getOffset(instant).getTotalSeconds());
    }
  }
}
