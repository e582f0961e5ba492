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
 * it expects; and the splits, dividends and ticker names it fixes. Nothing here depends on the
 * time: every fixed bar is served, today's and future ones too, and every fixed split counts as
 * executed. A fixed close is the raw one; the adjusted bar is it rescaled by the ticker's splits
 * after its date as {@link Market}'s are (prices x split_from/split_to, volume x
 * split_to/split_from, rounded to 4 decimals), so without splits adjusted is raw. Fixed bars have
 * no intraday bars.
 */
public final class FixedBars implements BarSource, ReferenceSource {
    private static final JsonFactory JSON = new JsonFactory();

    // By ticker name: the order the grouped endpoint lists them in.
    private final NavigableMap<String, NavigableMap<LocalDate, Double>> closes = new TreeMap<>();

    private final List<Split> splits;
    private final Splits splitTable;
    private final List<Dividend> dividends;
    private final Map<String, String> names;

    /** {@code names}: tickers with details beyond those with bars, splits or dividends, by name. */
    FixedBars(Map<String, ? extends Map<LocalDate, Double>> closesByTicker, List<Split> splits,
              List<Dividend> dividends, Map<String, String> names) {
        closesByTicker.forEach((ticker, byDate) -> closes.put(ticker, new TreeMap<>(byDate)));
        this.splits = List.copyOf(splits);
        this.splitTable = new Splits(splits);
        this.dividends = List.copyOf(dividends);
        this.names = Map.copyOf(names);
    }

    /**
     * A fixture dividend: declared 14 days before its ex-date, on record that day, paid 14 days
     * after, quarterly and recurring, in USD.
     */
    static Dividend dividend(String ticker, LocalDate exDividendDate, double cashAmount) {
        return Dividend.of(ticker, cashAmount, "USD", exDividendDate.minusDays(14), exDividendDate, exDividendDate,
                exDividendDate.plusDays(14), 4, "recurring");
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

    /** Every fixture dividend, its factor from the last fixture close before its ex-date. */
    @Override
    public List<Dividend> dividends(ZonedDateTime now) {
        return Dividends.withFactors(dividends, null, (ticker, exDate) -> {
            NavigableMap<LocalDate, Double> byDate = closes.get(ticker);
            Map.Entry<LocalDate, Double> before = byDate == null ? null : byDate.lowerEntry(exDate);
            return before == null ? null : before.getValue();
        }, splitTable, null);
    }

    /**
     * Known for a ticker with fixture bars, splits, dividends or a name: a US common stock on
     * XNYS named as given (else "{ticker} Fixture Inc."), listed on its first bar's date; no
     * market cap, share counts, CIK or other fields. {@code date} is not looked at.
     */
    @Override
    public Optional<TickerDetails> details(String ticker, LocalDate date, ZonedDateTime now) {
        boolean known = names.containsKey(ticker) || closes.containsKey(ticker)
                || !splitTable.of(ticker).isEmpty() || dividends.stream().anyMatch(d -> d.ticker().equals(ticker));
        if (!known) return Optional.empty();
        NavigableMap<LocalDate, Double> byDate = closes.get(ticker);
        LocalDate listed = byDate == null || byDate.isEmpty() ? null : byDate.firstKey();
        return Optional.of(new TickerDetails(ticker, names.getOrDefault(ticker, ticker + " Fixture Inc."), "stocks",
                "us", "CS", true, "usd", "XNYS", null, null, null, listed, null, null, null, null, null, null, null,
                null, null, null, null));
    }

    /** Every fixture split, whatever its date: nothing here depends on the time. */
    @Override
    public List<Split> splits(ZonedDateTime now) {
        return splits;
    }

    @Override
    public Bar bar(String ticker, LocalDate date, boolean adjusted, ZonedDateTime now) {
        Bar raw = bar(ticker, date, closes.get(ticker).get(date));
        double price = adjusted ? splitTable.priceFactor(ticker, date, null) : 1;
        if (price == 1) return raw;
        double volume = splitTable.volumeFactor(ticker, date, null);
        return new Bar(ticker, date, raw.t(), Splits.adjust(raw.o(), price), Splits.adjust(raw.h(), price),
                Splits.adjust(raw.l(), price), Splits.adjust(raw.c(), price), Splits.adjust(raw.v(), volume),
                Splits.adjust(raw.vw(), price), raw.n());
    }
}
