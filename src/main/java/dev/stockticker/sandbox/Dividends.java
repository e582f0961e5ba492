package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The two factors of a dividend listing, the same arithmetic whichever source lists it. */
final class Dividends {
    private Dividends() {}

    /** The raw close of the last trading day before a date, or null when there is none. */
    @FunctionalInterface
    interface CloseBefore {
        Double of(String ticker, LocalDate date);
    }

    /**
     * Each dividend with its factors as of {@code today} (null: every ex-date has passed).
     * {@code historical_adjustment_factor} multiplies, over it and every later dividend of its
     * ticker gone ex by today, {@code 1 - cash_amount / close before the ex-date}; one still to
     * go ex has 1. {@code split_adjusted_cash_amount} is the cash amount times
     * {@code split_from/split_to} of the splits executed after the ex-date. Both to 6 decimals.
     */
    static List<Dividend> withFactors(List<Dividend> listed, LocalDate today, CloseBefore closes, Splits splits,
                                      LocalDate splitsToday) {
        List<Dividend> newestFirst = new ArrayList<>(listed);
        newestFirst.sort(Comparator.comparing(Dividend::exDividendDate).reversed());
        Map<String, Double> cumulative = new HashMap<>();
        List<Dividend> out = new ArrayList<>(listed.size());
        for (Dividend d : newestFirst) {
            double factor = 1;
            if (today == null || !d.exDividendDate().isAfter(today)) {
                Double close = closes.of(d.ticker(), d.exDividendDate());
                double own = close == null || close <= d.cashAmount() ? 1 : 1 - d.cashAmount() / close;
                factor = cumulative.merge(d.ticker(), own, (a, b) -> a * b);
            }
            double splitAdjusted = d.cashAmount() * splits.priceFactor(d.ticker(), d.exDividendDate(), splitsToday);
            out.add(d.withFactors(PricePath.round(factor, 6), PricePath.round(splitAdjusted, 6)));
        }
        return out;
    }
}
