package dev.stockticker.sync;

import dev.stockticker.polygon.PolygonException;
import dev.stockticker.protocol.LogLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a stream's requests one ticker at a time so that one ticker does not stop the others: a
 * ticker whose requests fail after their retries is given up, the read goes on, and {@link
 * #finish} then throws one error naming every failed ticker, so the stream ends INCOMPLETE. What
 * no other ticker could survive either stops the read at once: a rejected key, no answer from
 * Polygon at all, a rate limit that retries did not ride out, a next_url to another host, or
 * {@value #FAILURES_IN_A_ROW} tickers in a row failing (Polygon is down, not one symbol).
 */
final class TickerAttempts {
  static final int FAILURES_IN_A_ROW = 3;

  private final String stream;
  private final List<String> tickers;
  private final StreamOutput out;
  private final List<PartsFailedException.Part> failed = new ArrayList<>();
  private int failuresInARow;

  /** @param tickers the tickers the stream reads, for messages */
  TickerAttempts(String stream, List<String> tickers, StreamOutput out) {
    this.stream = stream;
    this.tickers = tickers;
    this.out = out;
  }

  /**
   * Runs the requests of one ticker (or grouped day), {@code name}; returns false when they
   * failed after their retries and the read may go on without it.
   */
  boolean attempt(String name, Runnable requests) {
    try {
      requests.run();
      failuresInARow = 0;
      return true;
    } catch (PolygonException e) {
      if (e.kind() == PolygonException.Kind.UNAUTHORIZED) {
        throw e; // the key is rejected: that is the error, whatever else failed before
      }
      failed.add(new PartsFailedException.Part(name, e));
      boolean ticker = tickers.contains(name); // a grouped day or the split check is no ticker
      if (stopsEveryTicker(e) || (ticker && ++failuresInARow >= FAILURES_IN_A_ROW)) {
        throw failed.size() == 1 ? e : new PartsFailedException(String.format(
            "%s stopped after %s; the tickers before were read and checkpointed.", stream,
            stopsEveryTicker(e) ? "a failure no other ticker could avoid"
                : FAILURES_IN_A_ROW + " tickers in a row failed"), failed);
      }
      if (!ticker) {
        out.log(LogLevel.WARN, String.format("%s: given up after its retries; the read goes on "
            + "without it. %s", name, e.getMessage()));
      } else if (tickers.size() > 1) {
        out.log(LogLevel.WARN, String.format("%s: given up after its retries; the read goes on "
            + "with the other tickers. %s", name, e.getMessage()));
      }
      return false;
    }
  }

  /**
   * Throws what failed, if anything: the failure itself when the stream reads one ticker. The
   * message counts tickers only when only tickers failed: a grouped day or the split check is
   * none of them.
   */
  void finish() {
    if (failed.size() == 1 && tickers.size() == 1) {
      throw failed.get(0).error();
    }
    if (failed.isEmpty()) {
      return;
    }
    boolean onlyTickers = failed.stream().allMatch(part -> tickers.contains(part.name()));
    throw new PartsFailedException(onlyTickers
        ? String.format("%d of %d ticker(s) of %s failed; the others were read and "
            + "checkpointed, and the next sync resumes each failed ticker from its own cursor.",
            failed.size(), tickers.size(), stream)
        : String.format("%d request(s) of %s failed; the rest was read and checkpointed, and the "
            + "next sync resumes each ticker from its own cursor.", failed.size(), stream),
        failed);
  }

  private static boolean stopsEveryTicker(PolygonException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED, NETWORK, RATE_LIMITED, UNSAFE_NEXT_URL -> true;
      default -> false;
    };
  }
}
