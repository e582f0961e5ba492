package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The splits of a data source and the arithmetic of adjusting for them. A split counts from its
 * execution date on: bars dated before it are on the old shares. "Executed" means on or before
 * {@code today}; a null {@code today} counts every split as executed.
 */
final class Splits {
    private static final Comparator<Split> BY_DATE = Comparator.comparing(Split::executionDate);
    private static final List<Split> NONE = List.of();

    private final Map<String, List<Split>> byTicker = new HashMap<>();

    Splits(Collection<Split> splits) {
        for (Split s : splits) byTicker.computeIfAbsent(s.ticker(), t -> new ArrayList<>()).add(s);
        byTicker.values().forEach(l -> l.sort(BY_DATE));
    }

    /** The ticker's splits, oldest first. */
    List<Split> of(String ticker) {
        return byTicker.getOrDefault(ticker, NONE);
    }

    /** Every split executed by {@code today}, as the splits endpoint lists them. */
    List<Split> executed(LocalDate today) {
        List<Split> out = new ArrayList<>();
        for (List<Split> l : byTicker.values()) {
            for (Split s : l) if (isExecuted(s, today)) out.add(s);
        }
        return out;
    }

    /**
     * The price factor of a bar dated {@code date}: the product, oldest split first, of
     * {@code split_from/split_to} over the splits executed after {@code date} and by {@code today}.
     */
    double priceFactor(String ticker, LocalDate date, LocalDate today) {
        double f = 1;
        for (Split s : of(ticker)) if (s.executionDate().isAfter(date) && isExecuted(s, today)) f *= s.priceRatio();
        return f;
    }

    /** As {@link #priceFactor}, for volumes: the product of {@code split_to/split_from}. */
    double volumeFactor(String ticker, LocalDate date, LocalDate today) {
        double f = 1;
        for (Split s : of(ticker)) if (s.executionDate().isAfter(date) && isExecuted(s, today)) f *= s.volumeRatio();
        return f;
    }

    /**
     * A split's {@code historical_adjustment_factor}: the product of {@code split_from/split_to} of
     * it and every later split of its ticker executed by {@code today}, to 6 decimals as Polygon
     * writes it (AAPL's 2005 2:1 is 0.017857, 1/56, after its 7:1 and 4:1).
     */
    double historicalFactor(Split split, LocalDate today) {
        double f = 1;
        for (Split s : of(split.ticker())) {
            if (!s.executionDate().isBefore(split.executionDate()) && isExecuted(s, today)) f *= s.priceRatio();
        }
        return PricePath.round(f, 6);
    }

    /** An adjusted price or volume: the raw one times its factor, to 4 decimals unless the factor is 1. */
    static double adjust(double raw, double factor) {
        return factor == 1 ? raw : PricePath.round(raw * factor, 4);
    }

    private static boolean isExecuted(Split s, LocalDate today) {
        return today == null || !s.executionDate().isAfter(today);
    }
}
