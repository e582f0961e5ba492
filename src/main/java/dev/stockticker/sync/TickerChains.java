package dev.stockticker.sync;

import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.BarHandler;
import dev.stockticker.polygon.Transport;
import dev.stockticker.protocol.LogLevel;
import java.util.List;

/**
 * Reads tickers one request chain each, in order, for a stream with per-ticker cursors
 * (stock_prices, intraday_prices): a chain's bars go to the stream, a STATE follows each page and
 * each ticker, dropped bars are warned of and each ticker's outcome is logged. Once a ticker's
 * first response is in, the first requests of the next tickers are sent ahead (as many as
 * max_concurrent_requests lets be in flight), so the server prepares them while this one is
 * parsed; they are still read one at a time, in order, so the output is the same for any number
 * in flight. A ticker that fails is given up as {@link TickerAttempts} decides.
 */
final class TickerChains {
  /** What a stream requests for a ticker and does with its bars. */
  interface Reader {
    /** Fetches the whole chain of {@code progress}'s ticker into {@code handler}. */
    void fetch(TickerProgress progress, BarHandler handler);

    /** Sends the first request of {@code progress}'s ticker ahead. */
    void sendAhead(TickerProgress progress);

    /** A bar of {@code progress}'s ticker, from the answer numbered {@code answer}. */
    void onBar(TickerProgress progress, Bar bar, int answer);

    /** A page of {@code progress}'s ticker is complete; its STATE follows. */
    default void onPageEnd(TickerProgress progress) {}

    /** The ticker's chain was read to its end; its last STATE follows. */
    default void onComplete(TickerProgress progress) {}
  }

  private final TickerCursors tickers;
  private final TickerAttempts attempts;
  private final Transport transport;
  private final StreamOutput out;
  private final Runnable checkpoint;
  private final int inFlight;
  /** Responses received so far, counted for {@link TickerProgress#accept}. */
  private int answers;

  /**
   * @param checkpoint emits a STATE if something moved since the last one
   * @param inFlight how many requests may be in flight; once a ticker's answer is in, as many
   *     tickers after it are sent ahead (the transport holds to the limit)
   */
  TickerChains(TickerCursors tickers, TickerAttempts attempts, Transport transport,
      StreamOutput out, Runnable checkpoint, int inFlight) {
    this.tickers = tickers;
    this.attempts = attempts;
    this.transport = transport;
    this.out = out;
    this.checkpoint = checkpoint;
    this.inFlight = inFlight;
  }

  /** Counts a response of another kind (a grouped one): its bars are a new answer too. */
  void countAnswer() {
    answers++;
  }

  /** The number of the latest response: which answer a bar came in. */
  int answer() {
    return answers;
  }

  /**
   * Reads the chain of each of {@code toRead} (tickers {@link TickerCursors#plan} tracks), in
   * order, then throws what failed in the read, if anything ({@link TickerAttempts#finish}). A
   * request sent ahead that no ticker took over is cancelled, whatever stopped the read.
   */
  void readAll(List<String> toRead, Reader reader) {
    try {
      for (int i = 0; i < toRead.size(); i++) {
        read(tickers.progress(toRead.get(i)),
            toRead.subList(Math.min(toRead.size(), i + 1),
                Math.min(toRead.size(), i + 1 + inFlight)),
            reader);
      }
    } finally {
      transport.cancelPrefetch();
    }
    attempts.finish();
  }

  /** The line a completed read of {@code stream} ends with. */
  String summary(String stream) {
    return String.format("Read %d record(s) of %s in %d request(s)", out.recordsTotal(), stream,
        transport.requestCount());
  }

  /** Reads one ticker's chain; {@code ahead} are the tickers whose first requests may go ahead. */
  private void read(TickerProgress progress, List<String> ahead, Reader reader) {
    int requestsBefore = transport.requestCount();
    long recordsBefore = out.recordsTotal();
    BarHandler handler = new BarHandler() {
      private boolean sentAhead;

      @Override
      public void onResponse() {
        answers++;
        if (!sentAhead) {
          sentAhead = true;
          ahead.forEach(ticker -> reader.sendAhead(tickers.progress(ticker)));
        }
      }

      @Override
      public void onBar(Bar bar) {
        reader.onBar(progress, bar, answers);
      }

      @Override
      public void onPageEnd() {
        reader.onPageEnd(progress);
        checkpoint.run();
      }
    };
    boolean read = attempts.attempt(progress.ticker, () -> reader.fetch(progress, handler));
    if (read) {
      reader.onComplete(progress);
    }
    checkpoint.run();
    progress.warnDropped(true, out);
    out.log(LogLevel.INFO, progress.summary(out.recordsTotal() - recordsBefore,
        transport.requestCount() - requestsBefore, read));
  }
}
