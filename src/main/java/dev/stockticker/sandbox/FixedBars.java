package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Bars a test fixes, served instead of the synthetic {@link Market}: a close per ticker and date,
 * the rest of each bar simple functions of it ({@link #bar}), so a test can write down every number
 * it expects. Nothing here depends on the time: every fixed bar is served, today's and future ones
 * too, and adjusted bars are the unadjusted ones.
 */
public final class FixedBars implements BarSource, ReferenceSource {
    private static final JsonFactory JSON = new JsonFactory();

    // By ticker name: the order the grouped endpoint lists them in.
    private final NavigableMap<String, NavigableMap<LocalDate, Double>> closes = new TreeMap<>();

    private final List<Split> splits;

    FixedBars(Map<String, ? extends Map<LocalDate, Double>> closesByTicker, List<Split> splits) {
        closesByTicker.forEach((ticker, byDate) -> closes.put(ticker, new TreeMap<>(byDate)));
        this.splits = List.copyOf(splits);
    }

    /**
     * The bar of {@code close}: open 1 below it, high 2 above, low 2 below, vwap 0.5 above, volume
     * 1000 times it to one decimal, transactions 10 times its whole part; stamped at midnight New
     * York like Polygon's daily bars. They go out as the market's numbers do, so from a close of
     * 10,000 up the volume is written in exponent form (1.0E7).
     */
    public static Bar bar(String ticker, LocalDate date, double close) {
        return new Bar(ticker, date, Bar.midnightMillis(date), close - 1, close + 2, close - 2, close,
                Math.round(close * 10_000) / 10.0, close + 0.5, (long) close * 10);
    }

    /** {@link #bar} as the per-ticker endpoint writes it, for a test that writes a response by hand. */
    public static String json(LocalDate date, double close) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            // The per-ticker form names no ticker.
            bar(null, date, close).writeTo(g, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Fixed bars do not change with the time, so any moment will do. */
    @Override
    public ZonedDateTime now() {
        return ZonedDateTime.now(Bar.NEW_YORK);
    }

    @Override
    public List<LocalDate> barDates(String ticker, LocalDate start, LocalDate end, boolean descending, int max,
                                    ZonedDateTime now) {
        NavigableMap<LocalDate, Double> byDate = closes.get(ticker);
        if (byDate == null || start.isAfter(end)) return List.of();
        NavigableSet<LocalDate> window = byDate.navigableKeySet().subSet(start, true, end, true);
        return (descending ? window.descendingSet() : window).stream().limit(max).collect(Collectors.toList());
    }

    /** Every ticker with a bar that day: fixed bars are all plain US stocks. */
    @Override
    public List<String> groupedTickers(LocalDate date, boolean includeOtc, ZonedDateTime now) {
        List<String> out = new ArrayList<>();
        closes.forEach((ticker, byDate) -> {
            if (byDate.containsKey(date)) out.add(ticker);
        });
        return out;
    }

    @Override
    public List<Dividend> dividends(ZonedDateTime now) {
        return List.of();
    }

    @Override
    public Optional<TickerDetails> details(String ticker, LocalDate date, ZonedDateTime now) {
        return Optional.empty();
    }

    /** Every fixture split, whatever its date: nothing here depends on the time. */
    @Override
    public List<Split> splits(ZonedDateTime now) {
        return splits;
    }

    @Override
    public Bar bar(String ticker, LocalDate date, boolean adjusted, ZonedDateTime now) {
        return bar(ticker, date, closes.get(ticker).get(date));
    }
}
