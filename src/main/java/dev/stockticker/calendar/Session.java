package dev.stockticker.calendar;

/**
 * The part of a New York trading day a bar starts in: before the 09:30 open, the regular session
 * up to that day's close, or after it. Polygon's intraday bars include all three.
 */
public enum Session {
  PRE,
  REGULAR,
  POST
}
