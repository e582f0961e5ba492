package dev.stockticker.sync;

import dev.stockticker.calendar.Session;
import dev.stockticker.polygon.Bar;
import dev.stockticker.protocol.RecordData;
import dev.stockticker.protocol.RecordOutput;
import dev.stockticker.protocol.RecordOutput.Constant;
import dev.stockticker.protocol.RecordOutput.Name;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A record of the intraday_prices stream: one ticker's bar of one size, starting at {@code
 * bar.timestamp()} on the market day {@code date}, in {@code session} (null for crypto and forex).
 */
record IntradayPrice(String ticker, LocalDate date, Session session, Bar bar, Size size)
    implements RecordData {
  private static final Name TICKER = Name.of("stock_ticker");
  private static final Name TIMESTAMP = Name.of("timestamp");
  private static final Name DATE = Name.of("date");
  private static final Name SESSION = Name.of("session");
  private static final Name MULTIPLIER = Name.of("multiplier");
  private static final Name TIMESPAN = Name.of("timespan");
  /** "pre", "regular", "post", by {@link Session} ordinal. */
  private static final Constant[] SESSIONS = new Constant[Session.values().length];

  static {
    for (Session session : Session.values()) {
      SESSIONS[session.ordinal()] = Constant.string(session.name().toLowerCase(Locale.ROOT));
    }
  }

  /** The bar size fields, the same in every record of a read. */
  record Size(Constant multiplier, Constant timespan) {
    static Size of(IntradayOptions options) {
      return new Size(Constant.integer(options.multiplier()),
          Constant.string(options.timespan().wireName()));
    }
  }

  @Override
  public void writeFields(RecordOutput out) {
    out.string(TICKER, ticker);
    out.timestamp(TIMESTAMP, bar.timestamp());
    out.date(DATE, date);
    out.constant(SESSION, session == null ? null : SESSIONS[session.ordinal()]);
    BarFields.write(out, bar);
    out.constant(MULTIPLIER, size.multiplier());
    out.constant(TIMESPAN, size.timespan());
  }
}
