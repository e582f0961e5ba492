package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The split rule of a price stream, for one read. With {@code adjusted}, Polygon adjusts bars for
 * splits when they are requested, so a split rescales every bar before its execution date, and
 * bars emitted before it went stale. An incremental read therefore first looks for tickers with a
 * split executed after the date their bars are adjusted through (for a state without it, their
 * cursor) and not after today, and re-reads each of them from the first date it was synced, so
 * every bar is emitted again with today's adjustment and a deduped destination ends up
 * consistent. The state keeps {@code first_synced} and {@code adjusted_through} per ticker.
 */
final class SplitRule {
  /**
   * How far back a re-read goes when the first synced date is unknown (a state written before the
   * rule, without an explicit start_date): within every plan's history (the free plan has about
   * two years; asking for more is a 403 that would fail the ticker on every sync), and before any
   * date a version without first_synced could have synced from.
   */
  static final int UNKNOWN_START_YEARS_BACK = 2;

  private final Config config;
  private final Clock clock;
  private final SplitHistory splits;
  private final TickerCursors tickers;
  /** Polygon's base bars (minutes, seconds, days) in a day, for the cost of a re-read. */
  private final int baseBarsPerDay;
  private final Map<String, LocalDate> firstSynced;
  private final Map<String, LocalDate> adjustedThrough;
  /** Tickers a split made stale, and the date their whole history is re-read from. */
  private final Map<String, LocalDate> rereadFrom = new HashMap<>();
  /** Tickers read to the end of their window in this read (or with nothing to read). */
  private final Set<String> completed = new HashSet<>();
  /** Whether the bars this read emits are known to carry today's split adjustment. */
  private boolean adjustedToday;
  /** The New York date the check looked for splits up to: what "adjusted through" means. */
  private LocalDate checkedUpTo;

  SplitRule(SyncContext context, TickerCursors tickers, StreamState state, int baseBarsPerDay) {
    this.config = context.config();
    this.clock = context.clock();
    this.splits = context.splits();
    this.tickers = tickers;
    this.baseBarsPerDay = baseBarsPerDay;
    this.firstSynced = new HashMap<>(state.firstSynced());
    this.adjustedThrough = new HashMap<>(state.adjustedThrough());
    if (config.adjusted()) {
      // A state without adjusted_through: bars up to the cursor were adjusted at least through
      // it. Kept from the input, so a read whose check fails cannot move it along with the cursor
      // past a split the next read must still find.
      for (String ticker : splits.tickers()) {
        LocalDate cursor = tickers.cursor(ticker);
        if (cursor != null) {
          adjustedThrough.putIfAbsent(ticker, cursor);
        }
      }
    }
  }

  /**
   * Decides what this read re-reads: nothing in a full refresh (it reads today's adjustment) or
   * without {@code adjusted}. A failure to read the splits is the attempt's, so the stream ends
   * INCOMPLETE; prices are still read, and nothing is then known to be adjusted through today.
   */
  void check(SyncMode mode, TickerAttempts attempts, StreamOutput out) {
    if (!config.adjusted()) {
      return;
    }
    checkedUpTo = MarketCalendar.NEW_YORK.today(clock);
    adjustedToday = mode == SyncMode.FULL_REFRESH || findStale(attempts, out);
  }

  private boolean findStale(TickerAttempts attempts, StreamOutput out) {
    LocalDate today = checkedUpTo;
    // Tickers whose emitted bars may predate a split: not those adjusted through today already
    // (a second read the same day), nor a far-future state's.
    List<String> synced = splits.tickers().stream().filter(t -> through(t) != null)
        .filter(t -> through(t).isBefore(today)).toList();
    if (synced.isEmpty()) {
      return true;
    }
    if (!attempts.attempt("splits of the configured stock tickers", splits::rows)) {
      return false;
    }
    for (String ticker : synced) {
      List<SplitHistory.Split> found = splits.executed(ticker, through(ticker), today);
      if (found.isEmpty()) {
        continue;
      }
      SplitHistory.Split latest =
          found.stream().max(Comparator.comparing(SplitHistory.Split::executionDate)).get();
      boolean unknown = !firstSynced.containsKey(ticker) && !config.startDateSet();
      LocalDate from = firstSynced.containsKey(ticker) ? firstSynced.get(ticker)
          : config.startDateSet() ? config.startDate()
          : today.minusYears(UNKNOWN_START_YEARS_BACK);
      if (unknown) {
        out.log(LogLevel.WARN, String.format("%s: its state does not say since when it was "
            + "synced (it predates first_synced, and start_date is not set), so it is read again "
            + "from %s; if it was first synced earlier, set start_date to that date", ticker,
            from));
      }
      rereadFrom.put(ticker, from);
      long pages = 1 + ChronoUnit.DAYS.between(from, today) * baseBarsPerDay / 50_000;
      out.log(LogLevel.INFO, String.format("%s: %s executed %s%s, after its bars were adjusted "
              + "through %s: re-reading its whole history from %s so every bar carries today's "
              + "adjustment (about %d request(s) on its own)", ticker, latest.describe(),
          latest.executionDate(), found.size() == 1 ? "" : " (" + found.size() + " splits since)",
          through(ticker), from, pages));
    }
    return true;
  }

  private LocalDate through(String ticker) {
    return adjustedThrough.get(ticker);
  }

  /** Where a ticker's window starts instead of its cursor, or null. */
  LocalDate rereadFrom(String ticker) {
    return rereadFrom.get(ticker);
  }

  /**
   * Records a ticker's planned window ({@code progress}, null when it had nothing to read). The
   * first synced date is the earliest window start seen (lookback_days and a re-read can reach
   * before it), or for a state written before first_synced existed, an explicit start_date; a
   * default start_date (a week before the day it is read) says nothing of when the ticker was
   * first synced.
   */
  void planned(String ticker, boolean hadCursor, TickerProgress progress) {
    if (progress != null
        && (!hadCursor || firstSynced.containsKey(ticker) || rereadFrom.containsKey(ticker))) {
      firstSynced.merge(ticker, progress.window.from(), (a, b) -> a.isBefore(b) ? a : b);
    } else if (hadCursor && config.startDateSet()) {
      firstSynced.putIfAbsent(ticker, config.startDate());
    }
    if (progress == null) {
      completed.add(ticker);
    }
  }

  /** The ticker's window was read to its end. */
  void completed(String ticker) {
    completed.add(ticker);
  }

  Map<String, LocalDate> firstSynced() {
    return firstSynced;
  }

  /**
   * Each ticker's date its bars are adjusted through, as of now: today once no split made them
   * stale, or once its re-read is complete; until then the next read must still see the split.
   */
  Map<String, LocalDate> adjustedThrough() {
    if (!adjustedToday) {
      return adjustedThrough;
    }
    Map<String, LocalDate> adjusted = new HashMap<>(adjustedThrough);
    for (String ticker : splits.tickers()) { // crypto, forex and indices have no splits
      if (!rereadFrom.containsKey(ticker) || completed.contains(ticker)) {
        adjusted.put(ticker, checkedUpTo);
      }
    }
    return adjusted;
  }
}
