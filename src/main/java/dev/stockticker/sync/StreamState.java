package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.protocol.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream state of {@code stock_prices}: {@code {"date": D, "tickers": {"AAPL": D1, ...}}}.
 *
 * <p>A ticker's cursor is the last New York date up to which its bars were received and final.
 * {@code date} is the date up to which every configured ticker is complete. A state without {@code
 * tickers} (the tutorial's {@code {"date": ...}}, or CAT's abnormal state) gives every ticker the
 * cursor {@code date}; a state with {@code tickers} gives a ticker missing from it no cursor, so a
 * ticker added to an existing connection starts at start_date instead of inheriting the others'
 * progress.
 *
 * @param tickers null for a state that has only {@code date}
 */
public record StreamState(LocalDate date, Map<String, LocalDate> tickers) {
  public static final StreamState EMPTY = new StreamState(null, null);

  public StreamState {
    tickers = tickers == null ? null : Collections.unmodifiableMap(new TreeMap<>(tickers));
  }

  /**
   * The cursors a read starts from: the per-ticker ones (all of them, configured or not, so a
   * ticker removed and added again resumes), or {@code date} for each configured ticker.
   */
  public Map<String, LocalDate> cursors(List<String> configuredTickers) {
    if (tickers != null) {
      return tickers;
    }
    Map<String, LocalDate> cursors = new TreeMap<>();
    if (date != null) {
      configuredTickers.forEach(ticker -> cursors.put(ticker, date));
    }
    return cursors;
  }

  public static StreamState parse(JsonNode state, String file, String stream) {
    if (state == null || state.isNull() || state.isMissingNode() || state.isEmpty()) {
      return EMPTY;
    }
    String at = stream + ".";
    LocalDate date = null;
    JsonNode dateNode = state.get("date");
    if (dateNode != null && !dateNode.isNull()) {
      date = parseDate(dateNode, file, at + "date");
    }
    Map<String, LocalDate> tickers = null;
    JsonNode tickersNode = state.get("tickers");
    if (tickersNode != null && !tickersNode.isNull()) {
      if (!tickersNode.isObject()) {
        throw invalid(file, at + "tickers", "an object of ticker to YYYY-MM-DD date",
            tickersNode);
      }
      tickers = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = tickersNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        tickers.put(entry.getKey(),
            parseDate(entry.getValue(), file, at + "tickers." + entry.getKey()));
      }
    }
    return new StreamState(date, tickers);
  }

  public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (date != null) {
      node.put("date", date.toString());
    }
    if (tickers != null) {
      ObjectNode perTicker = node.putObject("tickers");
      tickers.forEach((ticker, cursor) -> perTicker.put(ticker, cursor.toString()));
    }
    return node;
  }

  private static LocalDate parseDate(JsonNode node, String file, String field) {
    if (!node.isTextual()) {
      throw invalid(file, field, "a date string in the form YYYY-MM-DD", node);
    }
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw invalid(file, field, "a date in the form YYYY-MM-DD", node);
    }
  }

  private static InvalidInputException invalid(String file, String field, String expected,
      JsonNode got) {
    String shown = got.toString();
    return new InvalidInputException(String.format(
        "The state file %s has an invalid cursor %s: expected %s, got %s.", file, field, expected,
        shown.length() > 60 ? shown.substring(0, 57) + "..." : shown));
  }
}
