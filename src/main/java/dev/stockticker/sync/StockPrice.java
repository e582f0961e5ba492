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

  @Override
  public void writeFields(RecordOutput out) {
    out.date(DATE, date);
    out.string(TICKER, ticker);
    out.number(PRICE, bar.close()); // the tutorial's only value, kept for its users
    BarFields.write(out, bar);
  }
}
