package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.BarHandler;
import dev.stockticker.polygon.PolygonClient;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.StreamStatus;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.RequestPlanner.Plan;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stock_prices stream: every configured ticker's bars from its window start to the
 * window end, ascending per ticker, with a STATE after each page and each ticker or day.
 *
 * <p>The cursor rule: a ticker's cursor only advances through dates whose bar was received and is
 * final, that is before today in New York. Today's bar is emitted but read again next time; a window
 * with no bars leaves the cursor where it was (the tutorial jumped to today and then stalled); the
 * cursor never moves backwards, so a far-future state reads nothing and stays as it is. Whichever
 * request plan runs, the records, their order per ticker and the cursors are the same.
 */
public final class StockPricesSync {
  public static final String STREAM = "stock_prices";

  private final Config config;
  private final PolygonClient client;
  private final MessageWriter out;
  private final LocalDate today;

  /** Every ticker's cursor, including tickers of the state that are no longer configured. */
  private final Map<String, LocalDate> cursors = new HashMap<>();
  /** The tickers with something to read, each with its own running cursor. */
  private final Map<String, Progress> progressByTicker = new HashMap<>();
  private JsonNode lastState;
  private long recordsSinceState;
  private long recordsTotal;

  public StockPricesSync(Config config, PolygonClient client, MessageWriter out, Clock clock) {
    this.config = config;
    this.client = client;
    this.out = out;
    this.today = LocalDate.now(clock.withZone(Bar.MARKET_ZONE));
  }

  /**
   * Runs the read. In incremental mode {@code state} is where the last sync stopped; full refresh
   * ignores it and reads the whole configured window. Throws whatever failed, after a final STATE
   * that covers every record emitted before the failure.
   */
  public void read(SyncMode mode, StreamState state) {
    if (mode == SyncMode.INCREMENTAL) {
      cursors.putAll(state.cursors(config.tickers()));
    }
    out.streamStatus(STREAM, StreamStatus.STARTED);
    out.log(LogLevel.INFO, String.format(
        "Reading %s in %s mode for %d ticker(s) %s, %s to %s (today in New York is %s)", STREAM,
        mode.wireName(), config.tickers().size(), abbreviate(config.tickers()),
        config.startDate(), config.endDate(), today));
    try {
      Plan plan = RequestPlanner.plan(planWindows(), config.requestStrategy());
      out.log(LogLevel.INFO, describe(plan));
      List<String> perTicker = new ArrayList<>(plan.perTicker());
      if (!plan.groupedDays().isEmpty()) {
        perTicker.addAll(readGrouped(plan));
      }
      for (int i = 0; i < perTicker.size(); i++) {
        readTicker(perTicker.get(i), i + 1 < perTicker.size() ? perTicker.get(i + 1) : null);
      }
      checkpoint(lastState == null);
    } catch (RuntimeException e) {
      checkpoint(false);
      out.streamStatus(STREAM, StreamStatus.INCOMPLETE);
      throw e;
    } finally {
      client.cancelPrefetch();
    }
    out.streamStatus(STREAM, StreamStatus.COMPLETE);
    out.log(LogLevel.INFO, String.format("Read %d record(s) of %s in %d request(s)", recordsTotal,
        STREAM, client.requestCount()));
  }

  /**
   * Each ticker's window: from the day after its cursor (less lookback_days, never before an
   * explicit start_date), or from start_date without a cursor, to end_date or today. Tickers with
   * a window get their {@link Progress}; the windows are returned in config order.
   */
  private Map<String, Window> planWindows() {
    Map<String, Window> windows = new LinkedHashMap<>();
    LocalDate to = config.endDate().isAfter(today) ? today : config.endDate();
    for (String ticker : config.tickers()) {
      LocalDate cursor = cursors.get(ticker);
      LocalDate resume = cursor == null ? null
          : cursor.plusDays(1).minusDays(config.lookbackDays());
      LocalDate from = resume == null ? config.startDate()
          : config.startDateSet() ? max(config.startDate(), resume) : resume;
      if (from.isAfter(to)) {
        out.log(LogLevel.INFO, String.format(
            "%s: nothing to read, its cursor %s is at or past the window end %s", ticker, cursor,
            to));
      } else {
        Window window = new Window(from, to);
        windows.put(ticker, window);
        progressByTicker.put(ticker, new Progress(ticker, window, cursor));
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
            + "ticker on its own would take %d", config.requestStrategy().wireName(), grouped,
        perTicker, plan.requests(), plan.perTickerOnly());
  }

  /**
   * Reads the grouped days; returns the grouped tickers no grouped response had any bar for (an
   * OTC stock without include_otc, or a ticker Polygon does not know), to be read on their own.
   */
  private List<String> readGrouped(Plan plan) {
    int requestsBefore = client.requestCount();
    long recordsBefore = recordsTotal;
    Map<String, Integer> received = new HashMap<>();
    int[] barsSeen = {0};
    BarHandler handler = new BarHandler() {
      @Override
      public void onBar(Bar bar) {
        barsSeen[0]++;
        if (plan.grouped().contains(bar.ticker())) {
          received.merge(bar.ticker(), 1, Integer::sum);
          emit(progressByTicker.get(bar.ticker()), bar);
        }
      }

      @Override
      public void onPageEnd() {
        checkpoint(false);
      }
    };
    for (LocalDate day : plan.groupedDays()) {
      client.groupedDaily(day, config.adjusted(), config.includeOtc(), handler);
    }
    List<String> missing = new ArrayList<>();
    if (barsSeen[0] > 0) {
      plan.grouped().stream().filter(ticker -> !received.containsKey(ticker))
          .forEach(missing::add);
    }
    out.log(LogLevel.INFO, String.format(
        "Grouped daily: %d record(s) for %d ticker(s) in %d request(s)%s",
        recordsTotal - recordsBefore, received.size(), client.requestCount() - requestsBefore,
        missing.isEmpty() ? "" : "; not in any grouped response, so read on their own: "
            + abbreviate(missing)));
    return missing;
  }

  /**
   * Reads one ticker's window. Once its first response is in, the first request of {@code next}
   * (null for none) is sent ahead, so the server prepares it while this one is parsed.
   */
  private void readTicker(String ticker, String next) {
    Progress progress = progressByTicker.get(ticker);
    Window window = progress.window;
    int requestsBefore = client.requestCount();
    long recordsBefore = recordsTotal;
    client.dailyBars(ticker, window.from(), window.to(), config.adjusted(), new BarHandler() {
      private boolean prefetched;

      @Override
      public void onResponse() {
        if (next != null && !prefetched) {
          prefetched = true;
          Window nextWindow = progressByTicker.get(next).window;
          client.prefetchDailyBars(next, nextWindow.from(), nextWindow.to(), config.adjusted());
        }
      }

      @Override
      public void onBar(Bar bar) {
        emit(progress, bar);
      }

      @Override
      public void onPageEnd() {
        checkpoint(false);
      }
    });
    checkpoint(false);
    out.log(LogLevel.INFO, String.format(
        "%s: %d record(s) for %s to %s in %d request(s); cursor %s", ticker,
        recordsTotal - recordsBefore, window.from(), window.to(),
        client.requestCount() - requestsBefore, progress.cursor));
  }

  /** What this read knows of one ticker with a window to read. */
  private static final class Progress {
    final String ticker;
    final Window window;
    /** The last date emitted in this read: a retried page repeats bars already sent. */
    LocalDate lastEmitted;
    /** The ticker's cursor, moved here per record and copied to {@code cursors} at checkpoints. */
    LocalDate cursor;

    Progress(String ticker, Window window, LocalDate cursor) {
      this.ticker = ticker;
      this.window = window;
      this.cursor = cursor;
    }
  }

  /** Emits a ticker's bar once, if in its window, and advances its cursor over final days. */
  private void emit(Progress progress, Bar bar) {
    LocalDate date = bar.date();
    LocalDate last = progress.lastEmitted;
    if ((last != null && !date.isAfter(last)) || date.isBefore(progress.window.from())
        || date.isAfter(progress.window.to())) {
      return;
    }
    if (recordsTotal == 0) {
      out.streamStatus(STREAM, StreamStatus.RUNNING);
    }
    out.record(STREAM, new StockPrice(progress.ticker, date, bar));
    progress.lastEmitted = date;
    recordsSinceState++;
    recordsTotal++;
    if (date.isBefore(today) && (progress.cursor == null || date.isAfter(progress.cursor))) {
      progress.cursor = date;
    }
  }

  /**
   * Emits the state if it says something new: a moved cursor, or records not yet counted by a
   * STATE. {@code force} emits it regardless, for the one STATE every read must have.
   */
  private void checkpoint(boolean force) {
    JsonNode state = currentState().toJson();
    if (force || recordsSinceState > 0 || !state.equals(lastState)) {
      out.state(STREAM, state, recordsSinceState);
      lastState = state;
      recordsSinceState = 0;
    }
  }

  private StreamState currentState() {
    for (Progress progress : progressByTicker.values()) {
      if (progress.cursor != null) {
        cursors.put(progress.ticker, progress.cursor);
      }
    }
    LocalDate complete = null;
    for (String ticker : config.tickers()) {
      LocalDate cursor = cursors.get(ticker);
      // A ticker without a final bar yet is complete up to the day before start_date.
      LocalDate upTo = cursor != null ? cursor : config.startDate().minusDays(1);
      complete = complete == null || upTo.isBefore(complete) ? upTo : complete;
    }
    return new StreamState(complete, cursors);
  }

  private static String abbreviate(List<String> tickers) {
    return tickers.size() <= 10 ? tickers.toString()
        : tickers.subList(0, 10).toString().replace("]", ", ... " + (tickers.size() - 10)
            + " more]");
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
