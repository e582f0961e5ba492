package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.LocalDate;

/**
 * What one read knows of one ticker with a window to read, and the rules for its bars: which
 * bars are emitted, and how far its cursor may move. Bars of one ticker are told apart by their
 * start (a daily bar by its day); the cursor is always a market day, the last one through which
 * the ticker's bars were read and are final.
 */
final class TickerProgress {
  /** What to do with a bar. */
  enum Verdict {
    EMIT,
    /** Delivered again by a retried page: already emitted in this read. */
    SEEN,
    /** The same bar again (or an earlier one) in one answer, as Polygon has been seen to send. */
    DUPLICATE,
    /** Outside the requested window, which Polygon sometimes sends. */
    OUTSIDE
  }

  final String ticker;
  final MarketCalendar calendar;
  /** Today in the ticker's market: its bars are emitted but not final. */
  final LocalDate today;
  final Window window;
  /** The ticker's cursor, moved as bars come and copied to the state at checkpoints. */
  LocalDate cursor;
  /** What a repeated bar repeats, for the WARN line: "the same day". */
  private final String sameBar;
  private int duplicates;
  private int outside;
  /** The start of the last bar emitted in this read, and its market day. */
  private long lastEmitted = Long.MIN_VALUE;
  private LocalDate lastEmittedDay;
  /** The answer the last bar came in ({@link #accept}'s {@code answer}), and its start. */
  private int lastAnswer = -1;
  private long lastInAnswer;

  TickerProgress(String ticker, MarketCalendar calendar, LocalDate today, Window window,
      LocalDate cursor, String sameBar) {
    this.ticker = ticker;
    this.calendar = calendar;
    this.today = today;
    this.window = window;
    this.cursor = cursor;
    this.sameBar = sameBar;
  }

  /**
   * Judges a daily bar of this ticker dated {@code date}, from the response numbered {@code
   * answer} (a retried page is a new answer). An emitted bar moves the cursor if its day is over.
   */
  Verdict accept(LocalDate date, int answer) {
    Verdict verdict = accept(date.toEpochDay(), date, answer);
    if (verdict == Verdict.EMIT) {
      completeThrough(date);
    }
    return verdict;
  }

  /**
   * Judges a bar of this ticker starting at {@code start} (any measure that grows with time) on
   * the market day {@code date}, from the response numbered {@code answer}. Moves no cursor: when
   * a bar's day is complete is the caller's to say.
   */
  Verdict accept(long start, LocalDate date, int answer) {
    if (answer == lastAnswer && start <= lastInAnswer) {
      duplicates++;
      return Verdict.DUPLICATE;
    }
    lastAnswer = answer;
    lastInAnswer = start;
    if (start <= lastEmitted) {
      return Verdict.SEEN;
    }
    if (date.isBefore(window.from()) || date.isAfter(window.to())) {
      outside++;
      return Verdict.OUTSIDE;
    }
    lastEmitted = start;
    lastEmittedDay = date;
    return Verdict.EMIT;
  }

  /** The market day of the last bar emitted in this read, or null. */
  LocalDate lastEmittedDay() {
    return lastEmittedDay;
  }

  /**
   * Moves the cursor through {@code day}, a day of the window whose bars were all read, if that
   * day is over: the cursor never moves backwards, nor over a day whose bars may still change.
   */
  void completeThrough(LocalDate day) {
    if (!day.isBefore(window.from()) && !day.isAfter(window.to()) && day.isBefore(today)
        && (cursor == null || day.isAfter(cursor))) {
      cursor = day;
    }
  }

  /**
   * Logs the bars dropped since the last call in a WARN line, never silently; counts start again.
   * Bars outside the window are counted only when {@code countOutside}.
   */
  void warnDropped(boolean countOutside, StreamOutput out) {
    int outsideCounted = countOutside ? outside : 0;
    if (duplicates > 0 || outsideCounted > 0) {
      out.log(LogLevel.WARN, String.format("%s: dropped %d bar(s) outside the requested window "
              + "%s to %s and %d repeated bar(s) (%s again in one answer)", ticker, outsideCounted,
          window.from(), window.to(), duplicates, sameBar));
    }
    duplicates = 0;
    outside = 0;
  }

  /** The INFO line once this ticker's requests are done, or given up when not {@code read}. */
  String summary(long records, int requests, boolean read) {
    return String.format("%s: %d record(s) for %s to %s in %d request(s); cursor %s%s", ticker,
        records, window.from(), window.to(), requests, cursor,
        read ? "" : "; given up after its retries");
  }
}
