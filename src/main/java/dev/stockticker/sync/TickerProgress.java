package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.LocalDate;

/**
 * What one read knows of one ticker with a window to read, and the rules for its bars: which
 * market day a bar belongs to, which bars are emitted, and how far its cursor may move.
 */
final class TickerProgress {
  /** What to do with a bar. */
  enum Verdict {
    EMIT,
    /** Delivered again by a retried page: already emitted in this read. */
    SEEN,
    /** The same day again (or an earlier one) in one answer, which Polygon has been seen to send. */
    DUPLICATE,
    /** Outside the requested window, which Polygon sometimes sends. */
    OUTSIDE
  }

  final String ticker;
  final MarketCalendar calendar;
  /** Today in the ticker's market: its bar is emitted but not final. */
  final LocalDate today;
  final Window window;
  /** The ticker's cursor, moved per record and copied to the state at checkpoints. */
  LocalDate cursor;
  int duplicates;
  int outside;
  /** The last date emitted in this read. */
  private LocalDate lastEmitted;
  /** The answer the last bar came in ({@link #accept}'s {@code answer}), and its date. */
  private int lastAnswer = -1;
  private LocalDate lastInAnswer;

  TickerProgress(String ticker, MarketCalendar calendar, LocalDate today, Window window,
      LocalDate cursor) {
    this.ticker = ticker;
    this.calendar = calendar;
    this.today = today;
    this.window = window;
    this.cursor = cursor;
  }

  /**
   * Judges a bar of this ticker dated {@code date}, from the response numbered {@code answer}
   * (a retried page is a new answer). An emitted bar moves the cursor if its day is over.
   */
  Verdict accept(LocalDate date, int answer) {
    if (answer == lastAnswer && lastInAnswer != null && !date.isAfter(lastInAnswer)) {
      duplicates++;
      return Verdict.DUPLICATE;
    }
    lastAnswer = answer;
    lastInAnswer = date;
    if (lastEmitted != null && !date.isAfter(lastEmitted)) {
      return Verdict.SEEN;
    }
    if (date.isBefore(window.from()) || date.isAfter(window.to())) {
      outside++;
      return Verdict.OUTSIDE;
    }
    lastEmitted = date;
    if (date.isBefore(today) && (cursor == null || date.isAfter(cursor))) {
      cursor = date;
    }
    return Verdict.EMIT;
  }

  /** The WARN line for bars dropped since the last call, or null; counts start again. */
  String dropped(boolean countOutside) {
    int outsideCounted = countOutside ? outside : 0;
    String line = duplicates == 0 && outsideCounted == 0 ? null : String.format(
        "%s: dropped %d bar(s) outside the requested window %s to %s and %d repeated bar(s) "
            + "(the same day again in one answer)", ticker, outsideCounted, window.from(),
        window.to(), duplicates);
    duplicates = 0;
    outside = 0;
    return line;
  }
}
