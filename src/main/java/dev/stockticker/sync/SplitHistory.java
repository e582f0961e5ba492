package dev.stockticker.sync;

import dev.stockticker.json.JsonNumber;
import dev.stockticker.polygon.Reference;
import dev.stockticker.polygon.ReferenceRow;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The splits of the configured stock tickers, fetched at most once per read and shared: the
 * {@code splits} stream emits them and {@code stock_prices} looks in them for splits its emitted
 * bars predate, so a read with both makes the requests once. Polygon's splits endpoint covers
 * stocks only; tickers with a market prefix (X:, C:, I:, O:) are left out.
 */
final class SplitHistory {
  /** A split as the re-read rule needs it. */
  record Split(String ticker, LocalDate executionDate, JsonNumber splitFrom, JsonNumber splitTo,
      String adjustmentType) {
    /** "4-for-1 forward_split": split_to new shares for split_from old ones. */
    String describe() {
      return String.format("%s-for-%s %s", splitTo, splitFrom, adjustmentType);
    }
  }

  private final Reference reference;
  private final List<String> tickers;
  private List<ReferenceRow> rows;

  SplitHistory(Reference reference, List<String> configuredTickers) {
    this.reference = reference;
    this.tickers = covered(configuredTickers);
  }

  /** The tickers the splits and dividends endpoints cover: US stocks, as grouped daily does. */
  static List<String> covered(List<String> tickers) {
    return tickers.stream().filter(RequestPlanner::groupable).toList();
  }

  /** The configured tickers the endpoint does not cover. */
  static List<String> leftOut(List<String> tickers) {
    return tickers.stream().filter(ticker -> !RequestPlanner.groupable(ticker)).toList();
  }

  List<String> tickers() {
    return tickers;
  }

  /** Every split of the covered tickers, as Polygon sent them; requested on first use. */
  List<ReferenceRow> rows() {
    if (rows == null) {
      List<ReferenceRow> fetched = new ArrayList<>();
      if (!tickers.isEmpty()) {
        reference.splits(tickers, fetched::add);
      }
      rows = List.copyOf(fetched);
    }
    return rows;
  }

  /** The splits of {@code ticker} executed after {@code after} and on or before {@code upTo}. */
  List<Split> executed(String ticker, LocalDate after, LocalDate upTo) {
    List<Split> found = new ArrayList<>();
    for (ReferenceRow row : rows()) {
      LocalDate executed = date(row.string("execution_date"));
      if (ticker.equals(row.string("ticker")) && executed != null && executed.isAfter(after)
          && !executed.isAfter(upTo)) {
        found.add(new Split(ticker, executed, row.number("split_from"), row.number("split_to"),
            row.string("adjustment_type")));
      }
    }
    return found;
  }

  static LocalDate date(String text) {
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
