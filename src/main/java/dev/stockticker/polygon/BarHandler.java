package dev.stockticker.polygon;

/**
 * Receives bars as they are parsed, so no response is ever held in memory whole.
 *
 * <p>When a page fails part-way (a dropped connection, a truncated body) and is retried, the bars
 * of that page that were already delivered are delivered again: the handler keeps what it has seen.
 */
public interface BarHandler {
  /** Called when a page's response has arrived, before its bars: the body is still coming. */
  default void onResponse() {}

  void onBar(Bar bar);

  /** Called after each complete page: every bar delivered so far is now known to be complete. */
  default void onPageEnd() {}
}
