package dev.stockticker.polygon;

import java.time.Instant;
import java.time.LocalDate;
import okhttp3.HttpUrl;

/**
 * The aggregates endpoints: daily or intraday bars of one ticker, or daily bars of every US stock
 * on one day, streamed page by page.
 */
public final class Aggregates {
  /**
   * Polygon's maximum: one ticker's whole history of daily bars (about 250 a year) fits one page;
   * of extended-hours minute bars, about 50 trading days.
   */
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
    fetch(dailyBarsUrl(ticker, from, to, adjusted), ticker, handler);
  }

  /**
   * Sends the first request of {@code dailyBars(ticker, from, to, adjusted, ...)} ahead, so the
   * server prepares it while the caller still reads another ticker; see
   * {@link Transport#prefetch}.
   */
  public void prefetchDailyBars(String ticker, LocalDate from, LocalDate to, boolean adjusted) {
    transport.prefetch(dailyBarsUrl(ticker, from, to, adjusted));
  }

  /**
   * Streams the bars of {@code multiplier} {@code timespan}s of {@code ticker} that start from
   * {@code from} to {@code to} (both inclusive) in ascending order, following {@code next_url}
   * to the end (about 50 trading days of minute bars a page). The bounds are sent as epoch
   * milliseconds, which Polygon accepts beside dates, so the caller decides exactly where a
   * market day begins and ends instead of Polygon's reading of a date in the ticker's zone.
   */
  public void intradayBars(String ticker, int multiplier, Timespan timespan, Instant from,
      Instant to, boolean adjusted, BarHandler handler) {
    fetch(intradayBarsUrl(ticker, multiplier, timespan, from, to, adjusted), ticker, handler);
  }

  /** As {@link #prefetchDailyBars}, for {@link #intradayBars}. */
  public void prefetchIntradayBars(String ticker, int multiplier, Timespan timespan, Instant from,
      Instant to, boolean adjusted) {
    transport.prefetch(intradayBarsUrl(ticker, multiplier, timespan, from, to, adjusted));
  }

  private void fetch(HttpUrl url, String ticker, BarHandler handler) {
    transport.fetchAllPages(url, ticker,
        (body, requestName) -> new PageParser(body, ticker, requestName, ticker).parse(handler),
        handler);
  }

  private HttpUrl dailyBarsUrl(String ticker, LocalDate from, LocalDate to, boolean adjusted) {
    return rangeUrl(ticker, 1, Timespan.DAY, from.toString(), to.toString(), adjusted);
  }

  private HttpUrl intradayBarsUrl(String ticker, int multiplier, Timespan timespan, Instant from,
      Instant to, boolean adjusted) {
    return rangeUrl(ticker, multiplier, timespan, Long.toString(from.toEpochMilli()),
        Long.toString(to.toEpochMilli()), adjusted);
  }

  private HttpUrl rangeUrl(String ticker, int multiplier, Timespan timespan, String from,
      String to, boolean adjusted) {
    return transport.baseUrl().newBuilder()
        .addPathSegments("v2/aggs/ticker")
        .addPathSegment(ticker)
        .addPathSegment("range")
        .addPathSegment(Integer.toString(multiplier))
        .addPathSegment(timespan.wireName())
        .addPathSegment(from)
        .addPathSegment(to)
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
