package dev.stockticker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.sync.StockPricesOptions.RequestStrategy;
import dev.stockticker.sync.RequestPlanner.Plan;
import dev.stockticker.sync.RequestPlanner.Window;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request counts the scale issue sets as targets, and the rules behind them. */
class RequestPlannerTest {
  private static final LocalDate TODAY = LocalDate.parse("2024-03-13"); // a Wednesday

  private static Map<String, Window> tickers(int count, LocalDate from, LocalDate to) {
    Map<String, Window> windows = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      windows.put(String.format("S%04d", i), new Window(from, to));
    }
    return windows;
  }

  @Test
  void fiveHundredTickersOneNewTradingDayIsOneRequest() {
    Plan plan = RequestPlanner.plan(tickers(500, TODAY, TODAY), RequestStrategy.AUTO);

    assertEquals(1, plan.requests());
    assertEquals(List.of(TODAY), List.copyOf(plan.groupedDays()));
    assertEquals(500, plan.grouped().size());
    assertEquals(500, plan.perTickerOnly());
  }

  @Test
  void aWeekendBehindTheCursorCostsOnlyTheTradingDay() {
    // Cursor on Friday, read on Monday: Saturday and Sunday are not requested.
    Plan plan = RequestPlanner.plan(tickers(500, LocalDate.parse("2024-03-09"),
        LocalDate.parse("2024-03-11")), RequestStrategy.AUTO);

    assertEquals(List.of(LocalDate.parse("2024-03-11")), List.copyOf(plan.groupedDays()));
  }

  @Test
  void fiveHundredTickersOverTwoYearsIsAtMostFiveHundredRequests() {
    Plan plan = RequestPlanner.plan(tickers(500, TODAY.minusYears(2), TODAY),
        RequestStrategy.AUTO);

    assertEquals(500, plan.requests());
    assertTrue(plan.groupedDays().isEmpty());
  }

  @Test
  void fewerTradingDaysThanTickersMeansFewerRequests() {
    Plan plan = RequestPlanner.plan(tickers(500, LocalDate.parse("2024-02-01"), TODAY),
        RequestStrategy.AUTO);

    // February 1 to March 13, 2024: 20 trading days in February (Presidents Day closed) and 9
    // in March.
    assertEquals(29, plan.requests());
  }

  @Test
  void oneTickerOverTwentyYearsIsOneRequest() {
    Plan plan = RequestPlanner.plan(tickers(1, TODAY.minusYears(20), TODAY),
        RequestStrategy.AUTO);

    assertEquals(1, plan.requests());
    assertEquals(List.of("S0001"), plan.perTicker());
  }

  @Test
  void aNewTickerAmongUpToDateOnesIsReadOnItsOwn() {
    Map<String, Window> windows = tickers(499, TODAY, TODAY);
    windows.put("NEW", new Window(TODAY.minusYears(2), TODAY));

    Plan plan = RequestPlanner.plan(windows, RequestStrategy.AUTO);

    assertEquals(2, plan.requests());
    assertEquals(List.of("NEW"), plan.perTicker());
    assertEquals(499, plan.grouped().size());
  }

  @Test
  void cryptoForexAndIndicesAreAlwaysReadPerTicker() {
    Map<String, Window> windows = tickers(10, TODAY, TODAY);
    windows.put("X:BTCUSD", new Window(TODAY, TODAY));
    windows.put("C:EURUSD", new Window(TODAY, TODAY));
    windows.put("I:SPX", new Window(TODAY, TODAY));

    Plan plan = RequestPlanner.plan(windows, RequestStrategy.AUTO);

    assertEquals(List.of("X:BTCUSD", "C:EURUSD", "I:SPX"), plan.perTicker());
    assertEquals(4, plan.requests());
  }

  @Test
  void cryptoIsRequestedOnWeekendsStocksAreNot() {
    Map<String, Window> windows = new LinkedHashMap<>();
    LocalDate saturday = LocalDate.parse("2024-03-09");
    windows.put("AAPL", new Window(saturday, saturday.plusDays(1)));
    windows.put("X:BTCUSD", new Window(saturday, saturday.plusDays(1)));

    Plan plan = RequestPlanner.plan(windows, RequestStrategy.AUTO);

    assertEquals(List.of("X:BTCUSD"), plan.perTicker());
    assertEquals(1, plan.requests());
  }

  @Test
  void forcedStrategiesAreHonoured() {
    Map<String, Window> windows = tickers(3, TODAY.minusDays(9), TODAY);

    assertEquals(3, RequestPlanner.plan(windows, RequestStrategy.PER_TICKER).requests());
    assertEquals(8, RequestPlanner.plan(windows, RequestStrategy.GROUPED_DAILY).requests());
    assertEquals(3, RequestPlanner.plan(windows, RequestStrategy.AUTO).requests());
  }

  @Test
  void aTieKeepsPerTickerRequestsWhichAreSmaller() {
    Plan plan = RequestPlanner.plan(tickers(1, TODAY, TODAY), RequestStrategy.AUTO);

    assertEquals(List.of("S0001"), plan.perTicker());
  }
}
