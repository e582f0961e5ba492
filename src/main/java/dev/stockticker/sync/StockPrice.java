package dev.stockticker.sync;

import dev.stockticker.polygon.Bar;
import dev.stockticker.protocol.RecordData;
import dev.stockticker.protocol.RecordOutput;
import dev.stockticker.protocol.RecordOutput.Name;
import java.time.LocalDate;

/** A record of the stock_prices stream: one ticker's bar for one New York trading day. */
record StockPrice(String ticker, LocalDate date, Bar bar) implements RecordData {
  private static final Name DATE = Name.of("date");
  private static final Name TICKER = Name.of("stock_ticker");
  private static final Name PRICE = Name.of("price");
  private static final Name OPEN = Name.of("open");
  private static final Name HIGH = Name.of("high");
  private static final Name LOW = Name.of("low");
  private static final Name CLOSE = Name.of("close");
  private static final Name VOLUME = Name.of("volume");
  private static final Name VWAP = Name.of("vwap");
  private static final Name TRANSACTIONS = Name.of("transactions");

  @Override
  public void writeFields(RecordOutput out) {
    out.date(DATE, date);
    out.string(TICKER, ticker);
    out.number(PRICE, bar.close()); // the tutorial's only value, kept for its users
    out.number(OPEN, bar.open());
    out.number(HIGH, bar.high());
    out.number(LOW, bar.low());
    out.number(CLOSE, bar.close());
    out.number(VOLUME, bar.volume());
    out.number(VWAP, bar.vwap());
    out.number(TRANSACTIONS, bar.transactions());
  }
}
