package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.BarHandler;
import dev.stockticker.polygon.PolygonClient;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.StreamStatus;
import dev.stockticker.protocol.SyncMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the stock_prices stream: for each configured ticker, the bars from its window start to the
 * window end, in ascending date order, with a STATE after each page and each ticker.
 *
 * <p>The cursor rule: a ticker's cursor only advances through dates whose bar was received and is
 * final, that is before today in New York. Today's bar is emitted but read again next time; a window
 * with no bars leaves the cursor where it was (the tutorial jumped to today and then stalled); the
 * cursor never moves backwards, so a far-future state reads nothing and stays as it is.
 */
public final class StockPricesSync {
  public static final String STREAM = "stock_prices";

  private final Config config;
  private final PolygonClient client;
  private final MessageWriter out;
  private final LocalDate today;

  private final Map<String, LocalDate> cursors = new HashMap<>();
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
      if (state.tickers() != null) {
        cursors.putAll(state.tickers()); // kept even if no longer configured: re-adding resumes
      }
      for (String ticker : config.tickers()) {
        LocalDate cursor = state.cursor(ticker);
        if (cursor != null) {
          cursors.put(ticker, cursor);
        }
      }
    }
    out.streamStatus(STREAM, StreamStatus.STARTED);
    out.log(LogLevel.INFO, String.format(
        "Reading %s in %s mode for %d ticker(s) %s, %s to %s (today in New York is %s)", STREAM,
        mode.wireName(), config.tickers().size(), config.tickers(), config.startDate(),
        config.endDate(), today));
    try {
      for (String ticker : config.tickers()) {
        readTicker(ticker);
      }
      checkpoint(lastState == null);
    } catch (RuntimeException e) {
      checkpoint(false);
      out.streamStatus(STREAM, StreamStatus.INCOMPLETE);
      throw e;
    }
    out.streamStatus(STREAM, StreamStatus.COMPLETE);
    out.log(LogLevel.INFO, String.format("Read %d record(s) of %s in %d request(s)", recordsTotal,
        STREAM, client.requestCount()));
  }

  private void readTicker(String ticker) {
    LocalDate cursor = cursors.get(ticker);
    LocalDate from = cursor == null ? config.startDate()
        : max(config.startDate(), cursor.plusDays(1).minusDays(config.lookbackDays()));
    LocalDate to = config.endDate().isAfter(today) ? today : config.endDate();
    if (from.isAfter(to)) {
      out.log(LogLevel.INFO, String.format(
          "%s: nothing to read, its cursor %s is at or past the window end %s", ticker, cursor,
          to));
      return;
    }
    int requestsBefore = client.requestCount();
    long recordsBefore = recordsTotal;
    TickerReader reader = new TickerReader(ticker, from, to);
    client.dailyBars(ticker, from, to, config.adjusted(), reader);
    checkpoint(false);
    out.log(LogLevel.INFO, String.format(
        "%s: %d record(s) for %s to %s in %d request(s); cursor %s", ticker,
        recordsTotal - recordsBefore, from, to, client.requestCount() - requestsBefore,
        cursors.get(ticker)));
  }

  /** Emits the bars of one ticker, each once, and advances its cursor over final days. */
  private final class TickerReader implements BarHandler {
    private final String ticker;
    private final LocalDate from;
    private final LocalDate to;
    private LocalDate lastEmitted;

    TickerReader(String ticker, LocalDate from, LocalDate to) {
      this.ticker = ticker;
      this.from = from;
      this.to = to;
    }

    @Override
    public void onBar(Bar bar) {
      LocalDate date = bar.date();
      // A retried page repeats bars already emitted; bars outside the window are not ours.
      if ((lastEmitted != null && !date.isAfter(lastEmitted)) || date.isBefore(from)
          || date.isAfter(to)) {
        return;
      }
      if (recordsTotal == 0) {
        out.streamStatus(STREAM, StreamStatus.RUNNING);
      }
      out.record(STREAM, new StockPrice(ticker, date, bar));
      lastEmitted = date;
      recordsSinceState++;
      recordsTotal++;
      if (date.isBefore(today)) {
        cursors.merge(ticker, date, StockPricesSync::max);
      }
    }

    @Override
    public void onPageEnd() {
      checkpoint(false);
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
    LocalDate complete = null;
    for (String ticker : config.tickers()) {
      LocalDate cursor = cursors.get(ticker);
      // A ticker without a final bar yet is complete up to the day before start_date.
      LocalDate upTo = cursor != null ? cursor : config.startDate().minusDays(1);
      complete = complete == null || upTo.isBefore(complete) ? upTo : complete;
    }
    return new StreamState(complete, cursors);
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
