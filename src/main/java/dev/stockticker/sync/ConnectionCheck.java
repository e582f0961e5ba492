package dev.stockticker.sync;

import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.polygon.Polygon;
import dev.stockticker.polygon.WaitListener;
import java.time.LocalDate;

/** What {@code check} does: one quick request for the first ticker's recent daily bars. */
public final class ConnectionCheck {
  static final int RECENT_DAYS = 7;

  private ConnectionCheck() {}

  /** Returns the message of a successful check; throws what failed otherwise. */
  public static String run(Config config, Environment env) {
    Polygon polygon = Polygon.connect(new Polygon.Settings(config.baseUrl(), config.apiKey(),
        config.requestsPerMinute(), config.maxConcurrentRequests(), env.checkRetry(),
        env.checkTimeouts(), env.clock(),
        env.sleeper(), WaitListener.NONE));
    String ticker = config.tickers().get(0);
    LocalDate today = MarketCalendar.of(ticker).today(env.clock());
    LocalDate from = today.minusDays(RECENT_DAYS);
    int[] bars = {0};
    polygon.aggregates().dailyBars(ticker, from, today, config.adjusted(), bar -> bars[0]++);
    return bars[0] > 0
        ? String.format("Connected to %s: %d bar(s) of %s from %s to %s.", config.baseUrl(),
            bars[0], ticker, from, today)
        : String.format("Connected to %s, but it has no bars of %s from %s to %s: "
            + "check that the ticker exists.", config.baseUrl(), ticker, from, today);
  }
}
