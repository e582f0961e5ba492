package dev.stockticker.sandbox;

import dev.stockticker.calendar.NyseCalendar;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's synthetic market: which tickers exist, when they trade, and what their bars are.
 * It is what the HTTP API serves (unless given {@link FixedBars}), and tests of a client can call it
 * directly to get the bars the server will serve.
 *
 * <p>Rules:
 * <ul>
 *   <li>Plain US stocks and the index trade on NYSE trading days ({@link NyseCalendar}); the forex
 *       pair trades Sunday to Friday (UTC days) including holidays; the crypto pair every day.</li>
 *   <li>History starts at {@link #HISTORY_START}; nothing exists after "today" in the ticker's
 *       market per the clock. Today's bar is partial and changes with the clock's time of day; every earlier bar
 *       is a pure function of (ticker, date, adjusted).</li>
 *   <li>Unadjusted prices are the adjusted ones times a fixed per-ticker "split factor" (2..20),
 *       unadjusted volume divided by it, as if every ticker split once after today.</li>
 *   <li>{@code OMIT} is a stock whose bars lack {@code vw} and {@code n}, to exercise clients'
 *       handling of fields Polygon may leave out.</li>
 *   <li>{@code TCEHY} is an OTC stock: only in the grouped endpoint with {@code include_otc=true}.</li>
 *   <li>{@code KIMpL} is a preferred share: tickers are case-sensitive.</li>
 *   <li>{@code I:SPX} bars have only o, h, l, c and t, as Polygon's index bars do.</li>
 *   <li>Crypto and forex bars start at 00:00 UTC of their date, and "today" for them is the UTC
 *       date: Polygon builds those daily bars on UTC days.</li>
 * </ul>
 */
public final class Market implements BarSource {
    public static final LocalDate HISTORY_START = LocalDate.of(2000, 1, 3);

    enum Kind { STOCK, OTC, CRYPTO, FOREX, INDEX }

    record Symbol(String ticker, Kind kind, double basePrice, boolean omitOptional) {
        /** Polygon dates crypto and forex bars by UTC days, everything else by New York days. */
        ZoneId zone() {
            return kind == Kind.CRYPTO || kind == Kind.FOREX ? ZoneOffset.UTC : Bar.NEW_YORK;
        }

        /** Index bars carry only o, h, l, c and t: no volume, vwap or trade count. */
        boolean hasVolume() {
            return kind != Kind.INDEX;
        }

        /** How wild the price path is; keeps FX near its base and lets crypto swing. */
        double volatility() {
            return switch (kind) {
                case FOREX -> 0.15;
                case INDEX -> 0.6;
                case CRYPTO -> 1.6;
                default -> 1.0;
            };
        }
    }

    // Base prices are only plausible magnitudes, not real quotes.
    private static final List<Symbol> BUILT_IN = List.of(
            stock("AAPL", 120), stock("MSFT", 200), stock("TSLA", 180), stock("GOOGL", 100),
            stock("AMZN", 110), stock("NVDA", 60), stock("META", 220), stock("BRK.B", 250),
            stock("JPM", 120), stock("V", 180), stock("JNJ", 140), stock("WMT", 90),
            stock("PG", 120), stock("XOM", 80), stock("UNH", 300), stock("HD", 250),
            stock("KO", 50), stock("PEP", 150), stock("DIS", 110), stock("NFLX", 300),
            stock("INTC", 40), stock("AMD", 70), stock("CSCO", 45),
            // A preferred share: Polygon's tickers are case-sensitive, and KIMPL is not KIMpL.
            stock("KIMpL", 21),
            new Symbol("OMIT", Kind.STOCK, 25, true),
            new Symbol("TCEHY", Kind.OTC, 45, false),
            new Symbol("X:BTCUSD", Kind.CRYPTO, 20000, false),
            new Symbol("C:EURUSD", Kind.FOREX, 1.15, false),
            new Symbol("I:SPX", Kind.INDEX, 3000, false));

    private static final int[] SPLIT_FACTORS = {2, 3, 4, 5, 7, 10, 15, 20};

    private final Clock clock;
    private final Map<String, Symbol> universe = new LinkedHashMap<>();

    /** @param generated how many extra plain stocks {@code S0001..} to add (for benchmarks). */
    public Market(Clock clock, int generated) {
        if (generated < 0) throw new IllegalArgumentException("universe size must be >= 0");
        this.clock = clock;
        BUILT_IN.forEach(s -> universe.put(s.ticker(), s));
        int width = Math.max(4, String.valueOf(generated).length());
        for (int i = 1; i <= generated; i++) {
            String ticker = "S" + String.format("%0" + width + "d", i);
            // Log-uniform between $5 and $500 so generated names don't all look alike.
            double base = 5 * Math.pow(100, unit(seed(ticker), -5, 0));
            universe.put(ticker, new Symbol(ticker, Kind.STOCK, base, false));
        }
    }

    public Clock clock() {
        return clock;
    }

    /** The current date in New York per the clock: the last date that can have a bar. */
    public LocalDate today() {
        return now().toLocalDate();
    }

    public boolean isKnown(String ticker) {
        return universe.containsKey(ticker);
    }

    /** Every known ticker, built-ins first. */
    public List<String> tickers() {
        return List.copyOf(universe.keySet());
    }

    /** The tickers of the grouped-daily endpoint: plain US stocks, plus OTC ones if asked. */
    public List<String> groupedTickers(boolean includeOtc) {
        List<String> out = new ArrayList<>();
        for (Symbol s : universe.values()) {
            if (grouped(s, includeOtc)) out.add(s.ticker());
        }
        return out;
    }

    private static boolean grouped(Symbol s, boolean includeOtc) {
        return s.kind() == Kind.STOCK || (includeOtc && s.kind() == Kind.OTC);
    }

    /**
     * Whether {@code ticker} trades on {@code date} by its calendar. Pure calendar: ignores the
     * clock and history start (see {@link #bar} for whether a bar exists). False for unknown tickers.
     */
    public boolean isTradingDay(String ticker, LocalDate date) {
        Symbol s = universe.get(ticker);
        return s != null && trades(s, date);
    }

    /** The bar served for that day, if any (unknown ticker, non-trading day or future: empty). */
    public Optional<Bar> bar(String ticker, LocalDate date, boolean adjusted) {
        Symbol s = universe.get(ticker);
        ZonedDateTime now = now();
        if (s == null || !hasBar(s, date, now)) return Optional.empty();
        return Optional.of(bar(s, date, adjusted, now));
    }

    /** All bars served for the inclusive window, oldest first. */
    public List<Bar> bars(String ticker, LocalDate from, LocalDate to, boolean adjusted) {
        Symbol s = universe.get(ticker);
        ZonedDateTime now = now();
        List<Bar> out = new ArrayList<>();
        for (LocalDate d : barDates(ticker, from, to, false, Integer.MAX_VALUE, now)) {
            out.add(bar(s, d, adjusted, now));
        }
        return out;
    }

    // ---- the BarSource the HTTP layer reads, pinning one "now" per request ----

    @Override
    public ZonedDateTime now() {
        return ZonedDateTime.now(clock).withZoneSameInstant(Bar.NEW_YORK);
    }

    /** Walks only as far as needed, so paging through decades stays proportional to the page. */
    @Override
    public List<LocalDate> barDates(String ticker, LocalDate start, LocalDate end, boolean descending, int max,
                                    ZonedDateTime now) {
        Symbol s = universe.get(ticker);
        if (s == null) return Collections.emptyList();
        LocalDate today = now.withZoneSameInstant(s.zone()).toLocalDate();
        LocalDate lo = start.isBefore(HISTORY_START) ? HISTORY_START : start;
        LocalDate hi = end.isAfter(today) ? today : end;
        if (lo.isAfter(hi)) return Collections.emptyList();
        List<LocalDate> out = new ArrayList<>();
        LocalDate d = descending ? hi : lo;
        while (out.size() < max && !d.isBefore(lo) && !d.isAfter(hi)) {
            if (trades(s, d)) out.add(d);
            d = descending ? d.minusDays(1) : d.plusDays(1);
        }
        return out;
    }

    @Override
    public List<String> groupedTickers(LocalDate date, boolean includeOtc, ZonedDateTime now) {
        List<String> out = new ArrayList<>();
        for (Symbol s : universe.values()) {
            if (grouped(s, includeOtc) && hasBar(s, date, now)) out.add(s.ticker());
        }
        return out;
    }

    @Override
    public Bar bar(String ticker, LocalDate date, boolean adjusted, ZonedDateTime now) {
        return bar(universe.get(ticker), date, adjusted, now);
    }

    /** Whether there is a bar of {@code date} by {@code now}: today is today in the symbol's zone. */
    private static boolean hasBar(Symbol s, LocalDate date, ZonedDateTime now) {
        LocalDate today = now.withZoneSameInstant(s.zone()).toLocalDate();
        return !date.isBefore(HISTORY_START) && !date.isAfter(today) && trades(s, date);
    }

    private static boolean trades(Symbol s, LocalDate date) {
        return switch (s.kind()) {
            case CRYPTO -> true;
            // Forex trades from Sunday evening to Friday evening: a UTC Sunday has a bar, Saturday none.
            case FOREX -> date.getDayOfWeek() != DayOfWeek.SATURDAY;
            default -> NyseCalendar.isTradingDay(date);
        };
    }

    /** The bar for a date known to have one. {@code now} decides how far today's bar has got. */
    private static Bar bar(Symbol s, LocalDate date, boolean adjusted, ZonedDateTime now) {
        long seed = seed(s.ticker());
        long day = date.toEpochDay();
        double vol = s.volatility();

        double c = Math.exp(logPrice(s, seed, day));
        double o = Math.exp(logPrice(s, seed, day - 1)) * Math.exp(0.004 * vol * signed(seed, day, 1));
        double up = 0.02 * vol * unit(seed, day, 2);
        double down = 0.02 * vol * unit(seed, day, 3);
        double v = Math.rint(Math.pow(10, 5 + 3 * unit(seed, -3, 0)) * (0.4 + 1.2 * unit(seed, day, 4)));
        double tradeSize = 50 + 150 * unit(seed, -4, 0);

        ZonedDateTime local = now.withZoneSameInstant(s.zone());
        if (date.equals(local.toLocalDate())) {
            // Today's bar is still forming: move it along with the minute of the day so clients can
            // see it change between syncs, converging on the final values at midnight.
            int minute = local.getHour() * 60 + local.getMinute();
            double p = (minute + 1) / 1440.0;
            c = o + (c - o) * p + o * 0.003 * vol * signed(seed, day * 1440 + minute, 5) * (1 - p);
            up *= p;
            down *= p;
            v = Math.max(1, Math.rint(v * p));
        }
        long n = Math.max(1, Math.round(v / tradeSize));

        double f = adjusted ? 1 : SPLIT_FACTORS[(int) Math.floorMod(seed, (long) SPLIT_FACTORS.length)];
        int decimals = c * f < 10 ? 4 : 2;
        double ro = round(o * f, decimals), rc = round(c * f, decimals);
        double rh = Math.max(round(Math.max(o, c) * (1 + up) * f, decimals), Math.max(ro, rc));
        double rl = Math.min(round(Math.min(o, c) * (1 - down) * f, decimals), Math.min(ro, rc));
        double rv = adjusted ? v : Math.max(1, Math.rint(v / f));
        // An average of values inside [l, h] stays inside it, so vw is always plausible.
        Double vw = s.omitOptional() || !s.hasVolume() ? null : round((ro + rh + rl + 2 * rc) / 5, 4);
        return new Bar(s.ticker(), date, date.atStartOfDay(s.zone()).toInstant().toEpochMilli(), ro, rh,
                rl, rc, s.hasVolume() ? rv : null, vw, s.omitOptional() || !s.hasVolume() ? null : n);
    }

    /**
     * Closed-form "random walk": a sum of ticker-seeded waves from years down to days plus daily
     * noise. Unlike a true walk it needs no history to evaluate one date, so any bar costs O(1)
     * and the log price stays within about +-1 of the base (prices never approach zero).
     */
    private static double logPrice(Symbol s, long seed, long day) {
        double[] periods = {2200, 480, 95, 23, 6};
        double[] amplitudes = {0.30, 0.15, 0.08, 0.04, 0.015};
        double x = Math.log(s.basePrice());
        double vol = s.volatility();
        for (int k = 0; k < periods.length; k++) {
            double period = periods[k] * (0.8 + 0.4 * unit(seed, -1, k));
            double phase = 2 * Math.PI * unit(seed, -2, k);
            x += vol * amplitudes[k] * Math.sin(2 * Math.PI * day / period + phase);
        }
        return x + 0.01 * vol * signed(seed, day, 0);
    }

    private static double round(double x, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(x * scale) / scale;
    }

    /** Stable across JVMs and releases (unlike relying on a library's hash). FNV-1a 64. */
    static long seed(String ticker) {
        long h = 0xcbf29ce484222325L;
        for (byte b : ticker.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Deterministic uniform in [0, 1) for (seed, day, salt), via the SplitMix64 finalizer. */
    static double unit(long seed, long day, int salt) {
        long z = seed + day * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double signed(long seed, long day, int salt) {
        return 2 * unit(seed, day, salt) - 1;
    }

    private static Symbol stock(String ticker, double base) {
        return new Symbol(ticker, Kind.STOCK, base, false);
    }
}
