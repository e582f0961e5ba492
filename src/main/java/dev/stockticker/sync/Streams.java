package dev.stockticker.sync;

import java.util.List;

/** The registry: every stream of the source, in the order discover lists them. */
public final class Streams {
  private Streams() {}

  public static List<Stream> all() {
    return List.of(
        new StockPricesStream(),
        new IntradayPricesStream(),
        CorporateActionsStream.splits(),
        CorporateActionsStream.dividends(),
        new TickerDetailsStream());
  }
}
