package dev.stockticker.polygon;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/** The reference endpoints: splits, dividends and ticker details. */
public final class Reference {
  /** The most rows a page of splits or dividends may hold. */
  public static final int PAGE_LIMIT = 5000;
  /**
   * The most characters of tickers in one splits or dividends request. Polygon documents no limit
   * on {@code ticker.any_of}; this keeps a URL under about 6 KB, within the 8 KB that servers and
   * proxies commonly accept, and still asks for some 700 typical tickers at once: on a free plan
   * each request is 12 s.
   */
  public static final int TICKER_CHARS_PER_REQUEST = 6_000;

  private final Transport transport;

  public Reference(Transport transport) {
    this.transport = transport;
  }

  /**
   * Streams every split of {@code tickers}, one request chain per chunk of tickers. All of them,
   * not only recent ones, so one answer serves both the splits stream and the split rule.
   */
  public void splits(List<String> tickers, Consumer<ReferenceRow> rows) {
    for (List<String> chunk : chunks(tickers)) {
      fetch(listUrl("stocks/v1/splits", chunk).build(), "splits of " + describe(chunk), rows);
    }
  }

  /** Streams the dividends of {@code tickers}, one request chain per chunk of tickers. */
  public void dividends(List<String> tickers, Consumer<ReferenceRow> rows) {
    for (List<String> chunk : chunks(tickers)) {
      fetch(listUrl("stocks/v1/dividends", chunk).build(), "dividends of " + describe(chunk),
          rows);
    }
  }

  /** The details of {@code ticker}; empty when Polygon does not know it (HTTP 404). */
  public Optional<ReferenceRow> tickerDetails(String ticker) {
    ReferenceRow[] found = {null};
    try {
      fetch(detailsUrl(ticker), "details of " + ticker, row -> found[0] = row);
    } catch (PolygonException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.ofNullable(found[0]);
  }

  /** Sends {@code tickerDetails(ticker)}'s request ahead. */
  public void prefetchTickerDetails(String ticker) {
    transport.prefetch(detailsUrl(ticker));
  }

  private HttpUrl detailsUrl(String ticker) {
    return transport.baseUrl().newBuilder().addPathSegments("v3/reference/tickers")
        .addPathSegment(ticker).build();
  }

  private HttpUrl.Builder listUrl(String path, List<String> tickers) {
    return transport.baseUrl().newBuilder().addPathSegments(path)
        .addQueryParameter("ticker.any_of", String.join(",", tickers))
        .addQueryParameter("limit", Integer.toString(PAGE_LIMIT));
  }

  private void fetch(HttpUrl url, String what, Consumer<ReferenceRow> rows) {
    transport.fetchAllPages(url, what, new ReferencePageReader(what, rows), PageListener.NONE);
  }

  /** {@code tickers} in runs whose {@code ticker.any_of} stays within the URL budget. */
  static List<List<String>> chunks(List<String> tickers) {
    List<List<String>> chunks = new java.util.ArrayList<>();
    int start = 0;
    int chars = 0;
    for (int i = 0; i < tickers.size(); i++) {
      int more = tickers.get(i).length() + 3; // the comma, if percent-encoded
      if (i > start && chars + more > TICKER_CHARS_PER_REQUEST) {
        chunks.add(tickers.subList(start, i));
        start = i;
        chars = 0;
      }
      chars += more;
    }
    if (start < tickers.size()) {
      chunks.add(tickers.subList(start, tickers.size()));
    }
    return chunks;
  }

  private static String describe(List<String> tickers) {
    return tickers.size() == 1 ? tickers.get(0)
        : tickers.get(0) + ".." + tickers.get(tickers.size() - 1) + " (" + tickers.size()
            + " tickers)";
  }
}
