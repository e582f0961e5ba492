package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.polygon.Aggregates;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.BarHandler;
import dev.stockticker.polygon.Timespan;
import dev.stockticker.polygon.Transport;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The intraday_prices stream: every configured ticker's bars of the configured size
 * (intraday_multiplier and intraday_timespan) from its window start to the window end, ascending
 * per ticker, one request chain per ticker (never the grouped endpoint), with a STATE after each
 * page and each ticker.
 *
 * <p>The cursor rule: a ticker's cursor is a market day, and moves only through days whose bars
 * were all read and that are over in the ticker's market ({@link MarketCalendar}). Polygon folds
 * late trades into intraday bars until the end of their day, so today's bars are emitted but read
 * again next time. Since one day's bars may run over two pages, a page moves the cursor only
 * through the days before its last bar's day; once a ticker's request chain is complete, through
 * the window end or yesterday, whichever is earlier, bars or none (a day over without bars has
 * none to come). The cursor never moves backwards, and a read that fails mid-chain resumes at the
 * first day not yet complete. Tickers are isolated from each other as in stock_prices ({@link
 * TickerAttempts}).
 */
final class IntradayPricesStream implements Stream {
  static final String STREAM = "intraday_prices";

  @Override
  public String name() {
    return STREAM;
  }

  /** The bar size is part of the key, so bars of another size never overwrite these. */
  @Override
  public List<List<String>> primaryKey() {
    return List.of(List.of("stock_ticker"), List.of("multiplier"), List.of("timespan"),
        List.of("timestamp"));
  }

  @Override
  public List<String> cursorField() {
    return List.of("timestamp");
  }

  @Override
  public Stream.Read open(SyncMode mode, JsonNode state, SyncContext context) {
    IntradayState parsed = mode == SyncMode.INCREMENTAL && state != null
        ? IntradayState.parse(state, context.stateFile(), STREAM,
            context.config().intraday().barSize())
        : IntradayState.EMPTY;
    return new Read(mode, parsed, context);
  }

  /** One read of the stream. */
  private static final class Read implements Stream.Read, TickerChains.Reader {
    private final SyncMode mode;
    private final Config config;
    private final IntradayOptions options;
    private final IntradayPrice.Size size;
    /** The input state: the cursors of the other bar sizes are written back as they were. */
    private final IntradayState input;
    private final Aggregates aggregates;
    private final Transport transport;
    private final TickerCursors tickers;
    private final SplitRule splits;
    private StreamOutput out;
    private TickerChains chains;

    Read(SyncMode mode, IntradayState state, SyncContext context) {
      this.mode = mode;
      this.config = context.config();
      this.options = config.intraday();
      this.size = IntradayPrice.Size.of(options);
      this.input = state;
      this.aggregates = context.polygon().aggregates();
      this.transport = context.polygon().transport();
      this.tickers = new TickerCursors(config, context.clock(),
          state.cursors(options.barSize(), config.tickers()), "the same start time");
      // Polygon's limit counts minutes for minute and hour bars: at most 960 a stock's day.
      this.splits = new SplitRule(context, tickers, state.size(options.barSize()),
          options.timespan() == Timespan.SECOND ? 57_600 : 960);
    }

    @Override
    public void run(StreamOutput out) {
      this.out = out;
      TickerAttempts attempts = new TickerAttempts(STREAM, config.tickers(), out);
      this.chains = new TickerChains(tickers, attempts, transport, out,
          () -> out.checkpoint(state()), config.maxConcurrentRequests());
      tickers.logStart(out, STREAM + " (" + options.barSize() + " bars)", mode);
      splits.check(mode, attempts, out);
      chains.readAll(planWindows(), this);
    }

    @Override
    public String summary() {
      return chains.summary(STREAM);
    }

    /**
     * Each ticker's window, the one place it is decided: {@link TickerCursors#plan}, without
     * lookback. A window without a trading day of the ticker's market (a stock's weekend) is not
     * requested; it has no bars to read, so its days that are over are complete. Returns the
     * tickers to request, in config order.
     */
    private List<String> planWindows() {
      List<String> toRead = new ArrayList<>();
      for (String ticker : config.tickers()) {
        boolean hadCursor = tickers.cursor(ticker) != null;
        TickerProgress progress = tickers.plan(ticker, 0, splits.rereadFrom(ticker), out);
        splits.planned(ticker, hadCursor, progress);
        if (progress == null) {
          continue;
        }
        if (RequestPlanner.hasTradingDay(progress.calendar, progress.window)) {
          toRead.add(ticker);
        } else {
          completeWindow(progress);
          splits.completed(ticker);
          out.log(LogLevel.INFO, String.format("%s: no trading day from %s to %s, nothing to "
              + "request; cursor %s", ticker, progress.window.from(), progress.window.to(),
              progress.cursor));
        }
      }
      return toRead;
    }

    @Override
    public void fetch(TickerProgress progress, BarHandler handler) {
      aggregates.intradayBars(progress.ticker, options.multiplier(), options.timespan(),
          start(progress), end(progress), config.adjusted(), handler);
    }

    @Override
    public void sendAhead(TickerProgress progress) {
      aggregates.prefetchIntradayBars(progress.ticker, options.multiplier(), options.timespan(),
          start(progress), end(progress), config.adjusted());
    }

    /** The next page may go on with the last bar's day; the days before it are complete. */
    @Override
    public void onPageEnd(TickerProgress progress) {
      LocalDate last = progress.lastEmittedDay();
      if (last != null) {
        progress.completeThrough(last.minusDays(1));
      }
    }

    @Override
    public void onComplete(TickerProgress progress) {
      completeWindow(progress);
      splits.completed(progress.ticker);
    }

    /** Every bar of the window has been read: the window's days that are over are complete. */
    private static void completeWindow(TickerProgress progress) {
      LocalDate yesterday = progress.today.minusDays(1);
      progress.completeThrough(progress.window.to().isBefore(yesterday) ? progress.window.to()
          : yesterday);
    }

    /** The first instant of a ticker's window, in its market. */
    private static Instant start(TickerProgress progress) {
      return progress.calendar.startOf(progress.window.from());
    }

    /** The last millisecond of a ticker's window, in its market. */
    private static Instant end(TickerProgress progress) {
      return progress.calendar.startOf(progress.window.to().plusDays(1)).minusMillis(1);
    }

    /** Emits a bar once, if in its ticker's window; repeated bars are counted, not emitted. */
    @Override
    public void onBar(TickerProgress progress, Bar bar, int answer) {
      long start = bar.timestamp();
      LocalDate date = progress.calendar.dateOf(start);
      if (progress.accept(start, date, answer) == TickerProgress.Verdict.EMIT) {
        out.record(new IntradayPrice(progress.ticker, date, progress.calendar.sessionOf(start),
            bar, size));
      }
    }

    @Override
    public JsonNode state() {
      return input.with(options.barSize(), tickers.completeDate(), new StreamState(null,
          tickers.cursors(), splits.firstSynced(), splits.adjustedThrough())).toJson();
    }
  }
}
