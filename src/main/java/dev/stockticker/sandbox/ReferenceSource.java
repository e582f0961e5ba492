package dev.stockticker.sandbox;

import java.time.ZonedDateTime;
import java.util.List;

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
}
