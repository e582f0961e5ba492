package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.protocol.InvalidInputException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream state of {@code intraday_prices}:
 * {@code {"date": D, "bar_sizes": {"1/minute": {"tickers": {"AAPL": D1, ...}}, "5/second": ...}}}.
 *
 * <p>A ticker's cursor is the last market day through which its bars were read and are final.
 * Cursors are kept per bar size (multiplier/timespan, as the request path writes it): bars of
 * another size are other rows (the size is part of the primary key), so changing
 * intraday_multiplier or intraday_timespan starts the new size at start_date instead of
 * inheriting the old size's progress, and changing it back resumes the old size where it stopped.
 * Each size's blob is read and written as a {@link StreamState}. {@code date} is the date up to
 * which every configured ticker is complete in the configured size.
 *
 * <p>A state without {@code bar_sizes}, such as {@code {"date": D}} (the shape of CAT's abnormal
 * state), is read as the configured size's blob, as stock_prices reads its own.
 *
 * @param barSizes bar size to its cursors, every size the state had
 */
public record IntradayState(LocalDate date, Map<String, StreamState> barSizes) {
  public static final IntradayState EMPTY = new IntradayState(null, Map.of());

  public IntradayState {
    barSizes = Collections.unmodifiableMap(new TreeMap<>(barSizes));
  }

  /** The cursors a read of {@code barSize} starts from (see {@link StreamState#cursors}). */
  public Map<String, LocalDate> cursors(String barSize, List<String> configuredTickers) {
    StreamState size = barSizes.get(barSize);
    return size == null ? Map.of() : size.cursors(configuredTickers);
  }

  /** The state of {@code barSize}: its cursors and its split-rule dates. */
  public StreamState size(String barSize) {
    return barSizes.getOrDefault(barSize, StreamState.EMPTY);
  }

  /** This state with {@code size} for {@code barSize}, the others' kept as they were. */
  public IntradayState with(String barSize, LocalDate date, StreamState size) {
    Map<String, StreamState> sizes = new TreeMap<>(barSizes);
    sizes.put(barSize, size);
    return new IntradayState(date, sizes);
  }

  /** Parses {@code state} for a read of {@code barSize}, the size a flat state is read as. */
  public static IntradayState parse(JsonNode state, String file, String stream, String barSize) {
    StreamState flat = StreamState.parse(state, file, stream);
    JsonNode sizesNode = state == null ? null : state.get("bar_sizes");
    if (sizesNode == null || sizesNode.isNull()) {
      return flat == StreamState.EMPTY ? EMPTY
          : new IntradayState(flat.date(), Map.of(barSize, flat));
    }
    if (!sizesNode.isObject()) {
      throw invalid(file, stream + ".bar_sizes",
          "an object of bar size (such as \"1/minute\") to its cursors", sizesNode);
    }
    Map<String, StreamState> sizes = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = sizesNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String at = stream + ".bar_sizes." + entry.getKey();
      if (!entry.getValue().isObject()) {
        throw invalid(file, at, "an object such as {\"tickers\": {\"AAPL\": \"2024-03-12\"}}",
            entry.getValue());
      }
      sizes.put(entry.getKey(), StreamState.parse(entry.getValue(), file, at));
    }
    return new IntradayState(flat.date(), sizes);
  }

  public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (date != null) {
      node.put("date", date.toString());
    }
    ObjectNode sizes = node.putObject("bar_sizes");
    barSizes.forEach((size, cursors) -> sizes.set(size, cursors.toJson()));
    return node;
  }

  private static InvalidInputException invalid(String file, String field, String expected,
      JsonNode got) {
    return new InvalidInputException(String.format(
        "The state file %s has an invalid %s: expected %s, got %s.", file, field, expected,
        Config.abbreviate(got.toString())));
  }
}
