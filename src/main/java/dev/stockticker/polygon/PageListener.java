package dev.stockticker.polygon;

/** Told what the transport does with the pages of one request chain. */
public interface PageListener {
  PageListener NONE = new PageListener() {};

  /** Called when a page's response has arrived, before its items: the body is still coming. */
  default void onResponse() {}

  /** Called after each complete page: every item delivered so far is now known to be complete. */
  default void onPageEnd() {}
}
