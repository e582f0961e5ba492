package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-ticker cursors of one read of a stream that reads each ticker over its own window
 * (stock_prices, intraday_prices): where each ticker starts and ends, how far it got, and what
 * the stream's checkpoints say of all of them.
 */
final class TickerCursors {
  private final Config config;
  private final Clock clock;
  /** What a repeated bar of this stream repeats, for {@link TickerProgress}'s WARN line. */
  private final String sameBar;
  /** Every ticker's cursor, including tickers of the state that are no longer configured. */
  private final Map<String, LocalDate> cursors = new HashMap<>();
  /** The tickers with something to read, each with its own running cursor. */
  private final Map<String, TickerProgress> progressByTicker = new HashMap<>();

  /** @param start the cursors of the input state (empty for full refresh) */
  TickerCursors(Config config, Clock clock, Map<String, LocalDate> start, String sameBar) {
    this.config = config;
    this.clock = clock;
    this.sameBar = sameBar;
    cursors.putAll(start);
  }

  /** The first line a read logs: what it reads, how, for which tickers and dates. */
  void logStart(StreamOutput out, String what, SyncMode mode) {
    boolean utc = config.tickers().stream()
        .anyMatch(ticker -> MarketCalendar.of(ticker) == MarketCalendar.UTC);
    LocalDate today = MarketCalendar.NEW_YORK.today(clock);
    out.log(LogLevel.INFO, String.format(
        "Reading %s in %s mode for %d ticker(s) %s, %s to %s (today in New York is %s%s)",
        what, mode.wireName(), config.tickers().size(), abbreviate(config.tickers()),
        config.startDate(), config.endDate() == null ? today : config.endDate(), today,
        utc ? ", in UTC " + MarketCalendar.UTC.today(clock) : ""));
  }

  /** The ticker's cursor as of the last checkpoint (before any read, the input's), or null. */
  LocalDate cursor(String ticker) {
    return cursors.get(ticker);
  }

  /**
   * Plans a ticker's window and tracks its progress over it: from the day after its cursor (less
   * {@code lookbackDays}, never before an explicit start_date), or from start_date without a
   * cursor, or from {@code rereadFrom} when that is set (a split made its bars stale), to
   * end_date or today in its market. Returns null, and says so, when that is empty.
   */
  TickerProgress plan(String ticker, int lookbackDays, LocalDate rereadFrom, StreamOutput out) {
    MarketCalendar calendar = MarketCalendar.of(ticker);
    LocalDate today = calendar.today(clock);
    LocalDate to = config.endDate() == null || config.endDate().isAfter(today) ? today
        : config.endDate();
    LocalDate cursor = cursors.get(ticker);
    LocalDate resume = cursor == null ? null : cursor.plusDays(1).minusDays(lookbackDays);
    LocalDate from = rereadFrom != null ? rereadFrom
        : resume == null ? config.startDate()
        : config.startDateSet() && config.startDate().isAfter(resume) ? config.startDate()
            : resume;
    if (from.isAfter(to)) {
      out.log(LogLevel.INFO, String.format(
          "%s: nothing to read, its cursor %s is at or past the window end %s", ticker, cursor,
          to));
      return null;
    }
    TickerProgress progress = new TickerProgress(ticker, calendar, today, new Window(from, to),
        cursor, sameBar);
    progressByTicker.put(ticker, progress);
    return progress;
  }

  /** The progress of a ticker {@link #plan} gave a window to. */
  TickerProgress progress(String ticker) {
    return progressByTicker.get(ticker);
  }

  /** Every ticker's cursor as of now, configured or not, for a checkpoint. */
  Map<String, LocalDate> cursors() {
    for (TickerProgress progress : progressByTicker.values()) {
      if (progress.cursor != null) {
        cursors.put(progress.ticker, progress.cursor);
      }
    }
    return cursors;
  }

  /**
   * The date up to which every configured ticker is complete, a checkpoint's stream-level
   * {@code date}: a ticker without a final bar yet is complete up to the day before start_date.
   */
  LocalDate completeDate() {
    Map<String, LocalDate> current = cursors();
    LocalDate complete = null;
    for (String ticker : config.tickers()) {
      LocalDate cursor = current.get(ticker);
      LocalDate upTo = cursor != null ? cursor : config.startDate().minusDays(1);
      complete = complete == null || upTo.isBefore(complete) ? upTo : complete;
    }
    return complete;
  }

  static String abbreviate(List<String> tickers) {
    return tickers.size() <= 10 ? tickers.toString()
        : tickers.subList(0, 10).toString().replace("]", ", ... " + (tickers.size() - 10)
            + " more]");
  }
}
