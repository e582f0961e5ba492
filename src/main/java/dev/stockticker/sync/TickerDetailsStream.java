package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.polygon.Reference;
import dev.stockticker.polygon.ReferenceRow;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.RowRecord.Field;
import dev.stockticker.sync.RowRecord.Type;
import java.util.List;
import java.util.Optional;

/**
 * {@code ticker_details}: who each configured ticker is, one request per ticker. Full refresh
 * only: market capitalisation and share counts change every day.
 */
final class TickerDetailsStream implements Stream {
  static final String STREAM = "ticker_details";
  private static final List<Field> FIELDS = List.of(
      Field.of("name", Type.STRING),
      Field.of("market", Type.STRING),
      Field.of("locale", Type.STRING),
      Field.of("type", Type.STRING),
      Field.of("active", Type.BOOLEAN),
      Field.of("currency_name", Type.STRING),
      Field.of("primary_exchange", Type.STRING),
      Field.of("cik", Type.STRING),
      Field.of("composite_figi", Type.STRING),
      Field.of("share_class_figi", Type.STRING),
      Field.of("list_date", Type.DATE),
      Field.of("delisted_utc", Type.STRING),
      Field.of("sic_code", Type.STRING),
      Field.of("sic_description", Type.STRING),
      Field.of("market_cap", Type.NUMBER),
      Field.of("share_class_shares_outstanding", Type.NUMBER),
      Field.of("weighted_shares_outstanding", Type.NUMBER),
      Field.of("total_employees", Type.NUMBER),
      Field.of("homepage_url", Type.STRING),
      Field.of("description", Type.STRING));

  @Override
  public String name() {
    return STREAM;
  }

  @Override
  public List<List<String>> primaryKey() {
    return List.of(List.of("stock_ticker"));
  }

  @Override
  public List<String> cursorField() {
    return List.of();
  }

  @Override
  public Read open(SyncMode mode, JsonNode state, SyncContext context) {
    List<String> tickers = context.config().tickers();
    return new Read() {
      @Override
      public void run(StreamOutput out) {
        TickerAttempts attempts = new TickerAttempts(STREAM, tickers, out);
        Reference reference = context.polygon().reference();
        int inFlight = context.config().maxConcurrentRequests();
        try {
          for (int i = 0; i < tickers.size(); i++) {
            String ticker = tickers.get(i);
            // The next tickers' requests travel with this one's (as many as may be in flight);
            // still read in order.
            tickers.subList(i + 1, Math.min(tickers.size(), i + inFlight))
                .forEach(reference::prefetchTickerDetails);
            attempts.attempt(ticker, () -> {
              Optional<ReferenceRow> details = reference.tickerDetails(ticker);
              if (details.isPresent()) {
                out.record(new RowRecord(FIELDS, details.get(), ticker));
              } else {
                out.log(LogLevel.WARN, String.format("%s: Polygon does not know this ticker "
                    + "(HTTP 404), so it has no %s record; check its spelling and case", ticker,
                    STREAM));
              }
            });
          }
        } finally {
          context.polygon().transport().cancelPrefetch();
        }
        attempts.finish();
      }

      @Override
      public JsonNode state() {
        return CorporateActionsStream.fullRefreshState();
      }
    };
  }
}
