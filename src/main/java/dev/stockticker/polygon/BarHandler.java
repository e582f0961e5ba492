package dev.stockticker.polygon;

/**
 * Receives bars as they are parsed, so no response is ever held in memory whole.
 *
 * <p>When a page fails part-way (a dropped connection, a truncated body) and is retried, the bars
 * of that page that were already delivered are delivered again: the handler keeps what it has seen.
 */
public interface BarHandler extends PageListener {
  void onBar(Bar bar);
}
