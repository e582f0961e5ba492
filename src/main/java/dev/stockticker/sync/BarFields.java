package dev.stockticker.sync;

import dev.stockticker.polygon.Bar;
import dev.stockticker.protocol.RecordOutput;
import dev.stockticker.protocol.RecordOutput.Name;

/**
 * The fields every price record has, daily or intraday, in the order both write them: open,
 * high, low, close, volume, vwap, transactions, each exactly as Polygon sent it.
 */
final class BarFields {
  private static final Name OPEN = Name.of("open");
  private static final Name HIGH = Name.of("high");
  private static final Name LOW = Name.of("low");
  private static final Name CLOSE = Name.of("close");
  private static final Name VOLUME = Name.of("volume");
  private static final Name VWAP = Name.of("vwap");
  private static final Name TRANSACTIONS = Name.of("transactions");

  private BarFields() {}

  static void write(RecordOutput out, Bar bar) {
    out.number(OPEN, bar.open());
    out.number(HIGH, bar.high());
    out.number(LOW, bar.low());
    out.number(CLOSE, bar.close());
    out.number(VOLUME, bar.volume());
    out.number(VWAP, bar.vwap());
    out.number(TRANSACTIONS, bar.transactions());
  }
}
