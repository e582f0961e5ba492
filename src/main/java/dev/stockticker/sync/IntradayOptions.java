package dev.stockticker.sync;

import dev.stockticker.polygon.Timespan;
import java.util.List;

/**
 * The options of the intraday_prices stream: its bar size.
 *
 * @param multiplier how many timespans one bar covers, 1 to {@value #MAX_MULTIPLIER}
 * @param timespan one of {@link #TIMESPANS}
 */
public record IntradayOptions(int multiplier, Timespan timespan) {
  static final int MAX_MULTIPLIER = 60;
  /** Daily bars are the stock_prices stream's. */
  static final List<Timespan> TIMESPANS = List.of(Timespan.SECOND, Timespan.MINUTE, Timespan.HOUR);
  static final IntradayOptions DEFAULT = new IntradayOptions(1, Timespan.MINUTE);

  public IntradayOptions {
    if (multiplier < 1 || multiplier > MAX_MULTIPLIER || !TIMESPANS.contains(timespan)) {
      throw new IllegalArgumentException("not an intraday bar size: " + multiplier + " "
          + timespan);
    }
  }

  /** The bar size as the request path writes it, "1/minute": also its key in the state. */
  public String barSize() {
    return multiplier + "/" + timespan.wireName();
  }
}
