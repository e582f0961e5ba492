package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Chooses the requests of a read. On a free plan every request costs 12 seconds, so the planner
 * minimises their number: per ticker, one aggregates request covers its whole window (50,000 bars
 * is 200 years of days); per trading day, one grouped-daily request covers every US stock.
 *
 * <p>Tickers are moved to the grouped plan shortest window first, while that lowers the total:
 * the grouped days needed are the union of the grouped tickers' trading days. So 500 tickers one
 * day behind cost 1 request, a first sync of 500 tickers over 2 years 500, one ticker over 20
 * years 1, and 499 tickers one day behind plus one new ticker 2. Tickers the grouped endpoint
 * does not cover (crypto {@code X:}, forex {@code C:}, indices {@code I:}, options {@code O:}) are
 * always read per ticker. A window without a trading day of its ticker's market (the NYSE calendar
 * for New York markets, every day for crypto and forex) is not requested at all.
 */
final class RequestPlanner {
  private RequestPlanner() {}

  /** A ticker's dates to read, both inclusive. */
  record Window(LocalDate from, LocalDate to) {}

  /**
   * @param perTicker tickers read with one aggregates request each, in configured order
   * @param grouped tickers read from the grouped-daily responses
   * @param groupedDays the trading days to request grouped, ascending
   * @param perTickerOnly how many requests reading every ticker on its own would take
   */
  record Plan(List<String> perTicker, Set<String> grouped, SortedSet<LocalDate> groupedDays,
      int perTickerOnly) {
    int requests() {
      return perTicker.size() + groupedDays.size();
    }
  }

  /** True for tickers the grouped-daily endpoint covers: plain US stocks, no prefix. */
  static boolean groupable(String ticker) {
    return ticker.indexOf(':') < 0;
  }

  static Plan plan(Map<String, Window> windows, StockPricesOptions.RequestStrategy strategy) {
    // Every trading day any window touches, once; a window is then a range of indexes into it.
    LocalDate first = LocalDate.MAX;
    LocalDate last = LocalDate.MIN;
    for (Window window : windows.values()) {
      first = window.from().isBefore(first) ? window.from() : first;
      last = window.to().isAfter(last) ? window.to() : last;
    }
    List<LocalDate> calendar = tradingDays(first, last);
    List<String> needRequest = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    windows.forEach((ticker, window) -> {
      if (!groupable(ticker)) {
        if (hasTradingDay(MarketCalendar.of(ticker), window)) {
          needRequest.add(ticker);
        }
        return;
      }
      int start = firstIndexOnOrAfter(calendar, window.from());
      int end = firstIndexOnOrAfter(calendar, window.to().plusDays(1));
      if (start < end) {
        needRequest.add(ticker);
        candidates.add(new Candidate(ticker, start, end));
      }
    });
    candidates.sort(Comparator.comparingInt(candidate -> candidate.end() - candidate.first()));

    int take = 0;
    if (strategy == StockPricesOptions.RequestStrategy.GROUPED_DAILY) {
      take = candidates.size();
    } else if (strategy == StockPricesOptions.RequestStrategy.AUTO) {
      int best = needRequest.size();
      boolean[] inUnion = new boolean[calendar.size()];
      int unionSize = 0;
      for (int k = 1; k <= candidates.size(); k++) {
        Candidate added = candidates.get(k - 1);
        for (int day = added.first(); day < added.end(); day++) {
          if (!inUnion[day]) {
            inUnion[day] = true;
            unionSize++;
          }
        }
        int cost = unionSize + needRequest.size() - k;
        if (cost < best) {
          best = cost;
          take = k;
        }
      }
    }
    Set<String> grouped = new LinkedHashSet<>();
    SortedSet<LocalDate> days = new TreeSet<>();
    for (Candidate candidate : candidates.subList(0, take)) {
      grouped.add(candidate.ticker());
      days.addAll(calendar.subList(candidate.first(), candidate.end()));
    }
    List<String> perTicker = new ArrayList<>(needRequest);
    perTicker.removeAll(grouped);
    return new Plan(perTicker, grouped, days, needRequest.size());
  }

  /** A groupable ticker whose window covers trading days {@code [first, end)} of the calendar. */
  private record Candidate(String ticker, int first, int end) {}

  static boolean hasTradingDay(MarketCalendar calendar, Window window) {
    for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
      if (calendar.isTradingDay(day)) {
        return true;
      }
    }
    return false;
  }

  /** The NYSE trading days from {@code from} to {@code to}: grouped daily is for US stocks. */
  static List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      if (MarketCalendar.NEW_YORK.isTradingDay(day)) {
        days.add(day);
      }
    }
    return days;
  }

  private static int firstIndexOnOrAfter(List<LocalDate> days, LocalDate date) {
    int index = Collections.binarySearch(days, date);
    return index >= 0 ? index : -index - 1;
  }
}
