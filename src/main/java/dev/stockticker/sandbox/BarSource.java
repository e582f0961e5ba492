package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The bars {@link Api} serves: the synthetic {@link Market}, or bars a test fixed. Each endpoint is
 * written once against this, whichever data is behind it.
 */
interface BarSource {
    /**
     * Read once per request and passed back to the other methods, so one response never mixes two
     * states of today's still-forming bar.
     */
    ZonedDateTime now();

    /**
     * Up to {@code max} dates with a bar of {@code ticker} between {@code start} and {@code end}
     * inclusive, walking forward from {@code start} (backward from {@code end} when descending);
     * none for an unknown ticker.
     */
    List<LocalDate> barDates(String ticker, LocalDate start, LocalDate end, boolean descending, int max,
                             ZonedDateTime now);

    /** The tickers the grouped-daily endpoint lists for {@code date}, in its order: each has a bar that day. */
    List<String> groupedTickers(LocalDate date, boolean includeOtc, ZonedDateTime now);

    /** The bar of a date {@link #barDates} or {@link #groupedTickers} gave. */
    Bar bar(String ticker, LocalDate date, boolean adjusted, ZonedDateTime now);
}
