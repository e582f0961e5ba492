package dev.stockticker.polygon;

import java.util.Locale;

/** The unit of an aggregates request's bar size, as its URL path writes it. */
public enum Timespan {
  SECOND,
  MINUTE,
  HOUR,
  DAY;

  /** "minute", as in {@code /range/1/minute/}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
