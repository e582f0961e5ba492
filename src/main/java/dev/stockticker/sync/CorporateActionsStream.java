package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stockticker.polygon.ReferenceRow;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.SyncMode;
import dev.stockticker.sync.RowRecord.Field;
import dev.stockticker.sync.RowRecord.Type;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code splits} and {@code dividends}: every row Polygon has for the configured stock tickers,
 * keyed by Polygon's {@code id}. Full refresh only: each row's adjustment factor changes with
 * every later split, which a cursor would miss, and a read costs one request per 5,000 rows.
 */
final class CorporateActionsStream implements Stream {
  /** Polygon's row id is the primary key: (ticker, date) is not unique in its data. */
  private static final List<List<String>> KEY = List.of(List.of("id"));

  private final String name;
  private final List<Field> fields;
  /** Hands every row of the covered tickers to the consumer. */
  private final BiConsumer<SyncContext, Consumer<ReferenceRow>> rows;

  private CorporateActionsStream(String name, List<Field> fields,
      BiConsumer<SyncContext, Consumer<ReferenceRow>> rows) {
    this.name = name;
    this.fields = fields;
    this.rows = rows;
  }

  static CorporateActionsStream splits() {
    return new CorporateActionsStream("splits", List.of(
        Field.of("id", Type.STRING),
        Field.of("execution_date", Type.DATE),
        Field.of("split_from", Type.NUMBER),
        Field.of("split_to", Type.NUMBER),
        Field.of("adjustment_type", Type.STRING),
        Field.of("historical_adjustment_factor", Type.NUMBER)),
        // The same answers stock_prices checks for splits: requested once per read.
        (context, sink) -> context.splits().rows().forEach(sink));
  }

  static CorporateActionsStream dividends() {
    return new CorporateActionsStream("dividends", List.of(
        Field.of("id", Type.STRING),
        Field.of("ex_dividend_date", Type.DATE),
        Field.of("record_date", Type.DATE),
        Field.of("pay_date", Type.DATE),
        Field.of("declaration_date", Type.DATE),
        Field.of("cash_amount", Type.NUMBER),
        Field.of("split_adjusted_cash_amount", Type.NUMBER),
        Field.of("historical_adjustment_factor", Type.NUMBER),
        Field.of("currency", Type.STRING),
        Field.of("frequency", Type.INTEGER),
        Field.of("distribution_type", Type.STRING)),
        (context, sink) -> context.polygon().reference()
            .dividends(context.splits().tickers(), sink));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<List<String>> primaryKey() {
    return KEY;
  }

  @Override
  public List<String> cursorField() {
    return List.of();
  }

  @Override
  public Read open(SyncMode mode, JsonNode state, SyncContext context) {
    return new Read() {
      @Override
      public void run(StreamOutput out) {
        List<String> leftOut = SplitHistory.leftOut(context.config().tickers());
        if (!leftOut.isEmpty()) {
          out.log(LogLevel.INFO, String.format("%s: Polygon's %s cover stocks only; left out %s",
              name, name, leftOut));
        }
        int[] withoutId = {0};
        rows.accept(context, row -> {
          if (row.string("id") == null) {
            withoutId[0]++;
          } else {
            out.record(new RowRecord(fields, row, null));
          }
        });
        if (withoutId[0] > 0) {
          out.log(LogLevel.WARN, String.format("%s: dropped %d row(s) without an id, the primary "
              + "key", name, withoutId[0]));
        }
      }

      @Override
      public JsonNode state() {
        return fullRefreshState();
      }
    };
  }

  /** A full-refresh stream has no cursor: its STATE blob is empty, and says only that it ran. */
  static JsonNode fullRefreshState() {
    return JsonNodeFactory.instance.objectNode();
  }
}
