package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.polygon.Aggregates;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.BarHandler;
import dev.stockticker.polygon.Transport;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.RequestPlanner.Plan;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock_prices stream: every configured ticker's daily bars from its window start to the
 * window end, ascending per ticker, with a STATE after each page and each ticker or day.
 *
 * <p>The cursor rule: a ticker's cursor only advances through dates whose bar was received and is
 * final, that is before today in the ticker's market (New York, or UTC for crypto and forex; see
 * {@link MarketCalendar}). Today's bar is emitted but read again next time; a window with no bars
 * leaves the cursor where it was (the tutorial jumped to today and then stalled); the cursor never
 * moves backwards, so a far-future state reads nothing and stays as it is. Whichever request plan
 * runs, the records, their order per ticker and the cursors are the same.
 *
 * <p>One ticker does not stop the others ({@link TickerAttempts}): a failed ticker's cursor stays
 * where its last complete page left it.
 *
 * <p>Split-aware ({@link SplitRule}): an incremental read with {@code adjusted} re-reads, from
 * the first date they were synced, the tickers a split made stale.
 */
final class StockPricesStream implements Stream {
  static final String STREAM = "stock_prices";

  @Override
  public String name() {
    return STREAM;
  }

  @Override
  public List<List<String>> primaryKey() {
    return List.of(List.of("stock_ticker"), List.of("date"));
  }

  @Override
  public List<String> cursorField() {
    return List.of("date");
  }

  /**
   * In incremental mode {@code state} is where the last sync stopped; full refresh ignores it and
   * reads the whole configured window.
   */
  @Override
  public Stream.Read open(SyncMode mode, JsonNode state, SyncContext context) {
    StreamState parsed = mode == SyncMode.INCREMENTAL && state != null
        ? StreamState.parse(state, context.stateFile(), STREAM) : StreamState.EMPTY;
    return new Read(mode, parsed, context);
  }

  /** One read of the stream. */
  private static final class Read implements Stream.Read, TickerChains.Reader {
    private final SyncMode mode;
    private final Config config;
    private final StockPricesOptions options;
    private final Aggregates aggregates;
    private final Transport transport;
    private final TickerCursors tickers;
    private final SplitRule splits;
    private StreamOutput out;
    private TickerAttempts attempts;
    private TickerChains chains;

    Read(SyncMode mode, StreamState state, SyncContext context) {
      this.mode = mode;
      this.config = context.config();
      this.options = config.stockPrices();
      this.aggregates = context.polygon().aggregates();
      this.transport = context.polygon().transport();
      this.tickers = new TickerCursors(config, context.clock(), state.cursors(config.tickers()),
          "the same day");
      this.splits = new SplitRule(context, tickers, state, 1);
    }

    @Override
    public void run(StreamOutput out) {
      this.out = out;
      this.attempts = new TickerAttempts(STREAM, config.tickers(), out);
      this.chains = new TickerChains(tickers, attempts, transport, out, this::checkpoint,
          config.maxConcurrentRequests());
      tickers.logStart(out, STREAM, mode);
      splits.check(mode, attempts, out);
      Plan plan = RequestPlanner.plan(planWindows(), options.requestStrategy());
      out.log(LogLevel.INFO, describe(plan));
      List<String> perTicker = new ArrayList<>(plan.perTicker());
      if (!plan.groupedDays().isEmpty()) {
        perTicker.addAll(readGrouped(plan));
      }
      chains.readAll(perTicker, this);
    }

    @Override
    public String summary() {
      return chains.summary(STREAM);
    }

    /**
     * Each ticker's window ({@link TickerCursors#plan}, with lookback_days, or from the first
     * date it was synced when a split made it stale). Tickers with a window get their {@link
     * TickerProgress}; the windows are returned in config order.
     */
    private Map<String, Window> planWindows() {
      Map<String, Window> windows = new LinkedHashMap<>();
      for (String ticker : config.tickers()) {
        boolean hadCursor = tickers.cursor(ticker) != null;
        TickerProgress progress =
            tickers.plan(ticker, options.lookbackDays(), splits.rereadFrom(ticker), out);
        splits.planned(ticker, hadCursor, progress);
        if (progress != null) {
          windows.put(ticker, progress.window);
        }
      }
      return windows;
    }

    private String describe(Plan plan) {
      String grouped = plan.groupedDays().isEmpty() ? ""
          : String.format("grouped daily for %d ticker(s) over %d trading day(s) (%s to %s)%s",
              plan.grouped().size(), plan.groupedDays().size(), plan.groupedDays().first(),
              plan.groupedDays().last(), plan.perTicker().isEmpty() ? "" : " + ");
      String perTicker = plan.perTicker().isEmpty() && !plan.groupedDays().isEmpty() ? ""
          : String.format("one request per ticker for %d ticker(s)", plan.perTicker().size());
      return String.format("Request plan (%s): %s%s: %d request(s) without paging; reading each "
              + "ticker on its own would take %d", options.requestStrategy().wireName(), grouped,
          perTicker, plan.requests(), plan.perTickerOnly());
    }

    /**
     * Reads the grouped days; returns the grouped tickers no grouped response had any bar for (an
     * OTC stock without include_otc, or a ticker Polygon does not know), to be read on their own.
     * A day that fails after its retries ends the grouped part (a later day would move cursors
     * past it); the tickers read per ticker still go on.
     */
    private List<String> readGrouped(Plan plan) {
      int requestsBefore = transport.requestCount();
      long recordsBefore = out.recordsTotal();
      Map<String, Integer> received = new HashMap<>();
      int[] barsSeen = {0};
      List<LocalDate> days = List.copyOf(plan.groupedDays());
      int[] day = {0};
      BarHandler handler = new BarHandler() {
        @Override
        public void onResponse() {
          chains.countAnswer();
          // The next days travel while this one is read (as many as may be in flight).
          for (LocalDate next : days.subList(Math.min(days.size(), day[0] + 1),
              Math.min(days.size(), day[0] + 1 + config.maxConcurrentRequests()))) {
            aggregates.prefetchGroupedDaily(next, config.adjusted(), options.includeOtc());
          }
        }

        @Override
        public void onBar(Bar bar) {
          barsSeen[0]++;
          if (plan.grouped().contains(bar.ticker())) {
            received.merge(bar.ticker(), 1, Integer::sum);
            Read.this.onBar(tickers.progress(bar.ticker()), bar, chains.answer());
          }
        }

        @Override
        public void onPageEnd() {
          checkpoint();
        }
      };
      boolean complete = true;
      try {
        for (; day[0] < days.size(); day[0]++) {
          LocalDate date = days.get(day[0]);
          if (!attempts.attempt("grouped daily bars of " + date, () ->
              aggregates.groupedDaily(date, config.adjusted(), options.includeOtc(), handler))) {
            complete = false;
            break;
          }
        }
      } finally {
        transport.cancelPrefetch(); // days sent ahead past a failed one, or a stopped read
      }
      List<String> missing = new ArrayList<>();
      if (complete && barsSeen[0] > 0) {
        plan.grouped().stream().filter(ticker -> !received.containsKey(ticker))
            .forEach(missing::add);
      }
      if (complete) {
        plan.grouped().stream().filter(ticker -> !missing.contains(ticker))
            .forEach(splits::completed);
      }
      plan.grouped().forEach(ticker -> tickers.progress(ticker).warnDropped(false, out));
      out.log(LogLevel.INFO, String.format(
          "Grouped daily: %d record(s) for %d ticker(s) in %d request(s)%s",
          out.recordsTotal() - recordsBefore, received.size(),
          transport.requestCount() - requestsBefore,
          missing.isEmpty() ? "" : "; not in any grouped response, so read on their own: "
              + TickerCursors.abbreviate(missing)));
      return missing;
    }

    @Override
    public void fetch(TickerProgress progress, BarHandler handler) {
      aggregates.dailyBars(progress.ticker, progress.window.from(), progress.window.to(),
          config.adjusted(), handler);
    }

    @Override
    public void sendAhead(TickerProgress progress) {
      aggregates.prefetchDailyBars(progress.ticker, progress.window.from(), progress.window.to(),
          config.adjusted());
    }

    @Override
    public void onComplete(TickerProgress progress) {
      splits.completed(progress.ticker);
    }

    /** Emits a ticker's bar once, if in its window, and advances its cursor over final days. */
    @Override
    public void onBar(TickerProgress progress, Bar bar, int answer) {
      LocalDate date = progress.calendar.dateOf(bar.timestamp());
      if (progress.accept(date, answer) == TickerProgress.Verdict.EMIT) {
        out.record(new StockPrice(progress.ticker, date, bar));
      }
    }

    /** A STATE if something moved since the last one. */
    private void checkpoint() {
      out.checkpoint(state());
    }

    @Override
    public JsonNode state() {
      return currentState().toJson();
    }

    private StreamState currentState() {
      return new StreamState(tickers.completeDate(), tickers.cursors(), splits.firstSynced(),
          splits.adjustedThrough());
    }
  }
}
