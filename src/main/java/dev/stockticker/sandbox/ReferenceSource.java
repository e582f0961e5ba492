package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The reference data the splits, dividends and ticker-details endpoints serve: the synthetic
 * {@link Market}'s, or what a test fixed ({@link FixedBars}).
 */
interface ReferenceSource {
    /** Read once per request and passed back, as for {@link BarSource#now}. */
    ZonedDateTime now();

    /** The splits the endpoint lists at {@code now}: none executed after today. */
    List<Split> splits(ZonedDateTime now);

    /** The dividends the endpoint lists at {@code now}, with their factors as of then. */
    List<Dividend> dividends(ZonedDateTime now);

    /** A ticker's details as of {@code date} (null: today); empty for a ticker not known then. */
    Optional<TickerDetails> details(String ticker, LocalDate date, ZonedDateTime now);
}
