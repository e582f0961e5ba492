package dev.stockticker.sync;

import dev.stockticker.json.JsonNumber;
import dev.stockticker.polygon.ReferenceRow;
import dev.stockticker.protocol.RecordData;
import dev.stockticker.protocol.RecordOutput;
import java.util.List;

/**
 * A record of a reference stream: the stream's fields copied by name from a row Polygon sent.
 * Fields Polygon left out or sent with another type are null (the schemas say so); fields the
 * stream does not list are not copied.
 *
 * @param ticker written as {@code stock_ticker}, or null to copy Polygon's {@code ticker}
 */
record RowRecord(List<Field> fields, ReferenceRow row, String ticker) implements RecordData {
  private static final RecordOutput.Name STOCK_TICKER = RecordOutput.Name.of("stock_ticker");

  enum Type { STRING, NUMBER, INTEGER, BOOLEAN, DATE }

  /** A field of the record, copied from Polygon's field of the same name. */
  record Field(String source, RecordOutput.Name name, Type type) {
    static Field of(String name, Type type) {
      return new Field(name, RecordOutput.Name.of(name), type);
    }
  }

  @Override
  public void writeFields(RecordOutput out) {
    out.string(STOCK_TICKER, ticker != null ? ticker : row.string("ticker"));
    for (Field field : fields) {
      switch (field.type()) {
        case STRING -> out.string(field.name(), row.string(field.source()));
        case NUMBER -> out.number(field.name(), row.number(field.source()));
        case INTEGER -> {
          JsonNumber number = row.number(field.source());
          out.number(field.name(), number != null && number.isInteger() ? number : null);
        }
        case BOOLEAN -> out.bool(field.name(), row.bool(field.source()));
        // Kept only if it is a date, so a destination typing the column as a date never fails.
        case DATE -> out.date(field.name(), SplitHistory.date(row.string(field.source())));
      }
    }
  }
}
