package dev.stockticker.sync;

/**
 * The options of the stock_prices stream.
 *
 * @param lookbackDays how many days before each ticker's cursor an incremental read starts again
 * @param includeOtc whether grouped-daily requests include OTC stocks
 * @param requestStrategy how requests are planned
 */
public record StockPricesOptions(int lookbackDays, boolean includeOtc,
    RequestStrategy requestStrategy) {

  /** How requests are planned; AUTO picks whichever plan needs fewer requests. */
  public enum RequestStrategy {
    AUTO("auto"),
    PER_TICKER("per_ticker"),
    GROUPED_DAILY("grouped_daily");

    private final String wireName;

    RequestStrategy(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
