package dev.stockticker.polygon;

import java.time.LocalDate;
import okhttp3.HttpUrl;

/**
 * The aggregates endpoints: daily bars of one ticker, or of every US stock on one day, streamed
 * page by page.
 */
public final class Aggregates {
  /** Polygon's maximum; the whole history of one ticker (about 250 bars a year) fits one page. */
  public static final int PAGE_LIMIT = 50_000;

  private final Transport transport;

  public Aggregates(Transport transport) {
    this.transport = transport;
  }

  /**
   * Streams the daily bars of {@code ticker} from {@code from} to {@code to} (inclusive market
   * dates) in ascending order, following {@code next_url} to the end.
   */
  public void dailyBars(String ticker, LocalDate from, LocalDate to, boolean adjusted,
      BarHandler handler) {
    transport.fetchAllPages(dailyBarsUrl(ticker, from, to, adjusted), ticker,
        (body, requestName) -> new PageParser(body, ticker, requestName, ticker).parse(handler),
        handler);
  }

  /**
   * Sends the first request of {@code dailyBars(ticker, from, to, adjusted, ...)} ahead, so the
   * server prepares it while the caller still reads another ticker; see
   * {@link Transport#prefetch}.
   */
  public void prefetchDailyBars(String ticker, LocalDate from, LocalDate to, boolean adjusted) {
    transport.prefetch(dailyBarsUrl(ticker, from, to, adjusted));
  }

  private HttpUrl dailyBarsUrl(String ticker, LocalDate from, LocalDate to, boolean adjusted) {
    return transport.baseUrl().newBuilder()
        .addPathSegments("v2/aggs/ticker")
        .addPathSegment(ticker)
        .addPathSegments("range/1/day")
        .addPathSegment(from.toString())
        .addPathSegment(to.toString())
        .addQueryParameter("adjusted", Boolean.toString(adjusted))
        .addQueryParameter("sort", "asc")
        .addQueryParameter("limit", Integer.toString(PAGE_LIMIT))
        .build();
  }

  /**
   * Streams one bar per US stock for {@code date} (one request, however many tickers), each
   * carrying its ticker. OTC stocks are included only when {@code includeOtc}.
   */
  public void groupedDaily(LocalDate date, boolean adjusted, boolean includeOtc,
      BarHandler handler) {
    String what = "grouped daily bars of " + date;
    transport.fetchAllPages(groupedDailyUrl(date, adjusted, includeOtc), what,
        (body, requestName) -> new PageParser(body, what, requestName, null).parse(handler),
        handler);
  }

  /** Sends {@code groupedDaily(date, adjusted, includeOtc, ...)}'s request ahead. */
  public void prefetchGroupedDaily(LocalDate date, boolean adjusted, boolean includeOtc) {
    transport.prefetch(groupedDailyUrl(date, adjusted, includeOtc));
  }

  private HttpUrl groupedDailyUrl(LocalDate date, boolean adjusted, boolean includeOtc) {
    return transport.baseUrl().newBuilder()
        .addPathSegments("v2/aggs/grouped/locale/us/market/stocks")
        .addPathSegment(date.toString())
        .addQueryParameter("adjusted", Boolean.toString(adjusted))
        .addQueryParameter("include_otc", Boolean.toString(includeOtc))
        .build();
  }
}
