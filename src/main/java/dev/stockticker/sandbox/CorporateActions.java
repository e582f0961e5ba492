package dev.stockticker.sandbox;

import dev.stockticker.calendar.NyseCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic {@link Market}'s splits. Loosely modelled on real ones, and all executed by
 * 2025-11-17, so with today's clock they never move the adjusted bars of a fixed past window;
 * except one, which moves with the clock the market starts with, so a demo always has a split
 * of the last few days to notice.
 */
final class CorporateActions {
    /** BRK.B splits 3-for-1 this many NYSE trading days before the day the market starts. */
    static final int RECENT_SPLIT_TRADING_DAYS_AGO = 3;

    private static final Object[][] SPLITS = {
        // ticker, execution date, split_from, split_to, adjustment type
        {"AAPL", "2000-06-21", 1, 2, Split.FORWARD},
        {"AAPL", "2005-02-28", 1, 2, Split.FORWARD},
        {"AAPL", "2014-06-09", 1, 7, Split.FORWARD},
        {"AAPL", "2020-08-31", 1, 4, Split.FORWARD},
        {"MSFT", "2003-02-18", 1, 2, Split.FORWARD},
        {"TSLA", "2020-08-31", 1, 5, Split.FORWARD},
        {"TSLA", "2022-08-25", 1, 3, Split.FORWARD},
        {"NVDA", "2000-06-27", 1, 2, Split.FORWARD},
        {"NVDA", "2001-09-17", 1, 2, Split.FORWARD},
        {"NVDA", "2006-04-07", 1, 2, Split.FORWARD},
        {"NVDA", "2007-09-11", 2, 3, Split.FORWARD},
        {"NVDA", "2021-07-20", 1, 4, Split.FORWARD},
        {"NVDA", "2024-06-10", 1, 10, Split.FORWARD},
        {"GOOGL", "2014-03-27", 1, 2.002, Split.STOCK_DIVIDEND},
        {"GOOGL", "2022-07-18", 1, 20, Split.FORWARD},
        {"AMZN", "2022-06-06", 1, 20, Split.FORWARD},
        {"BRK.B", "2010-01-21", 1, 50, Split.FORWARD},
        {"WMT", "2024-02-26", 1, 3, Split.FORWARD},
        {"NFLX", "2004-02-12", 1, 2, Split.FORWARD},
        {"NFLX", "2015-07-15", 1, 7, Split.FORWARD},
        {"NFLX", "2025-11-17", 1, 10, Split.FORWARD},
        {"CSCO", "2000-03-22", 1, 2, Split.FORWARD},
        {"TCEHY", "2014-05-15", 1, 5, Split.FORWARD},
        // A made-up 1-for-10 reverse split, on the made-up ticker.
        {"OMIT", "2012-05-14", 10, 1, Split.REVERSE},
    };

    private CorporateActions() {}

    /** Every split of the market that starts on {@code startDay}, those still to come included. */
    static List<Split> splits(LocalDate startDay) {
        List<Split> out = new ArrayList<>();
        for (Object[] row : SPLITS) {
            out.add(Split.of((String) row[0], LocalDate.parse((String) row[1]), ((Number) row[2]).doubleValue(),
                    ((Number) row[3]).doubleValue(), (String) row[4]));
        }
        out.add(Split.of("BRK.B", tradingDaysBefore(startDay, RECENT_SPLIT_TRADING_DAYS_AGO), 1, 3));
        return out;
    }

    static LocalDate tradingDaysBefore(LocalDate day, int count) {
        LocalDate d = day;
        for (int i = 0; i < count; i++) {
            do {
                d = d.minusDays(1);
            } while (!NyseCalendar.isTradingDay(d));
        }
        return d;
    }
}
