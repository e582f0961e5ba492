package dev.stockticker.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockticker.polygon.Bar;
import dev.stockticker.protocol.RecordData;
import java.io.IOException;
import java.time.LocalDate;

/** A record of the stock_prices stream: one ticker's bar for one New York trading day. */
record StockPrice(String ticker, LocalDate date, Bar bar) implements RecordData {

  @Override
  public void writeFields(JsonGenerator out) throws IOException {
    out.writeStringField("date", date.toString());
    out.writeStringField("stock_ticker", ticker);
    out.writeNumberField("price", bar.close()); // the tutorial's only value, kept for its users
    out.writeNumberField("open", bar.open());
    out.writeNumberField("high", bar.high());
    out.writeNumberField("low", bar.low());
    out.writeNumberField("close", bar.close());
    out.writeNumberField("volume", bar.volume());
    if (bar.vwap() == null) {
      out.writeNullField("vwap");
    } else {
      out.writeNumberField("vwap", bar.vwap());
    }
    if (bar.transactions() == null) {
      out.writeNullField("transactions");
    } else {
      out.writeNumberField("transactions", bar.transactions());
    }
  }
}
