package dev.stockticker.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.JsonNumber;
import dev.stockticker.protocol.RecordData;
import java.io.IOException;
import java.time.LocalDate;

/** A record of the stock_prices stream: one ticker's bar for one New York trading day. */
record StockPrice(String ticker, LocalDate date, Bar bar) implements RecordData {
  // Pre-encoded field names: written once per field of every record.
  private static final SerializedString DATE = new SerializedString("date");
  private static final SerializedString TICKER = new SerializedString("stock_ticker");
  private static final SerializedString PRICE = new SerializedString("price");
  private static final SerializedString OPEN = new SerializedString("open");
  private static final SerializedString HIGH = new SerializedString("high");
  private static final SerializedString LOW = new SerializedString("low");
  private static final SerializedString CLOSE = new SerializedString("close");
  private static final SerializedString VOLUME = new SerializedString("volume");
  private static final SerializedString VWAP = new SerializedString("vwap");
  private static final SerializedString TRANSACTIONS = new SerializedString("transactions");

  @Override
  public void writeFields(JsonGenerator out) throws IOException {
    out.writeFieldName(DATE);
    out.writeString(date.toString());
    out.writeFieldName(TICKER);
    out.writeString(ticker);
    number(out, PRICE, bar.close()); // the tutorial's only value, kept for its users
    number(out, OPEN, bar.open());
    number(out, HIGH, bar.high());
    number(out, LOW, bar.low());
    number(out, CLOSE, bar.close());
    number(out, VOLUME, bar.volume());
    number(out, VWAP, bar.vwap());
    number(out, TRANSACTIONS, bar.transactions());
  }

  /** Writes Polygon's number as it came, or null. */
  private static void number(JsonGenerator out, SerializedString name, JsonNumber number)
      throws IOException {
    out.writeFieldName(name);
    if (number == null) {
      out.writeNull();
    } else {
      number.writeTo(out);
    }
  }
}
