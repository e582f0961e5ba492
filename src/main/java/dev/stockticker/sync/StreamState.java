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
 * Per-ticker cursors: the state of {@code stock_prices}, and of each bar size of {@code
 * intraday_prices}: {@code {"date": D, "tickers": {"AAPL": D1, ...}}}.
 *
 * <p>A ticker's cursor is the last market date (New York, or UTC for crypto and forex) up to
 * which its bars were received and final.
 * {@code date} is the date up to which every configured ticker is complete. A state without {@code
 * tickers} (the tutorial's {@code {"date": ...}}, or CAT's abnormal state) gives every ticker the
 * cursor {@code date}; a state with {@code tickers} gives a ticker missing from it no cursor, so a
 * ticker added to an existing connection starts at start_date instead of inheriting the others'
 * progress.
 *
 * <p>For split-aware reads it also keeps, per ticker, the first date it was ever read from
 * ({@code first_synced}) and the date through which its emitted bars carry Polygon's split
 * adjustment ({@code adjusted_through}); states written before these existed lack them.
 *
 * @param tickers null for a state that has only {@code date}
 * @param firstSynced ticker to the first date of its first read; empty when unknown
 * @param adjustedThrough ticker to the date its bars are known to be adjusted through
 */
public record StreamState(LocalDate date, Map<String, LocalDate> tickers,
    Map<String, LocalDate> firstSynced, Map<String, LocalDate> adjustedThrough) {
  public static final StreamState EMPTY = new StreamState(null, null, Map.of(), Map.of());

  /** A state of cursors alone, as streams without the split rule keep. */
  public StreamState(LocalDate date, Map<String, LocalDate> tickers) {
    this(date, tickers, Map.of(), Map.of());
  }

  public StreamState {
    tickers = tickers == null ? null : Collections.unmodifiableMap(new TreeMap<>(tickers));
    firstSynced = Collections.unmodifiableMap(new TreeMap<>(firstSynced));
    adjustedThrough = Collections.unmodifiableMap(new TreeMap<>(adjustedThrough));
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
    Map<String, LocalDate> tickers = dates(state, "tickers", file, at);
    Map<String, LocalDate> firstSynced = dates(state, "first_synced", file, at);
    Map<String, LocalDate> adjustedThrough = dates(state, "adjusted_through", file, at);
    return new StreamState(date, tickers, firstSynced == null ? Map.of() : firstSynced,
        adjustedThrough == null ? Map.of() : adjustedThrough);
  }

  /** The object {@code field} of ticker to date, or null when it is absent. */
  private static Map<String, LocalDate> dates(JsonNode state, String field, String file,
      String at) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw invalid(file, at + field, "an object of ticker to YYYY-MM-DD date", node);
    }
    Map<String, LocalDate> dates = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      dates.put(entry.getKey(), parseDate(entry.getValue(), file, at + field + "."
          + entry.getKey()));
    }
    return dates;
  }

  public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (date != null) {
      node.put("date", date.toString());
    }
    if (tickers != null) {
      putDates(node, "tickers", tickers);
    }
    if (!firstSynced.isEmpty()) {
      putDates(node, "first_synced", firstSynced);
    }
    if (!adjustedThrough.isEmpty()) {
      putDates(node, "adjusted_through", adjustedThrough);
    }
    return node;
  }

  private static void putDates(ObjectNode node, String field, Map<String, LocalDate> dates) {
    ObjectNode perTicker = node.putObject(field);
    dates.forEach((ticker, date) -> perTicker.put(ticker, date.toString()));
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
