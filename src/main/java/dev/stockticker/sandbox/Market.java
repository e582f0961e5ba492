package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Symbol.stock;

import dev.stockticker.calendar.NyseCalendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
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
 *   <li>Splits are {@link CorporateActions}'. Raw ({@code adjusted=false}) prices already show
 *       every split after their date, as history does; adjusted ones undo the splits executed by
 *       today: for a bar dated before a split executed after it and on or before today, adjusted
 *       price = raw price x {@code split_from/split_to} and adjusted volume = raw volume x
 *       {@code split_to/split_from} (products over those splits, oldest first, then rounded to 4
 *       decimals; {@link Splits#adjust}). So a split executing rescales every earlier adjusted
 *       bar, and a ticker without splits has adjusted == raw.</li>
 *   <li>{@code OMIT} is a stock whose bars lack {@code vw} and {@code n}, to exercise clients'
 *       handling of fields Polygon may leave out.</li>
 *   <li>{@code TCEHY} is an OTC stock: only in the grouped endpoint with {@code include_otc=true}.</li>
 *   <li>{@code KIMpL} is a preferred share: tickers are case-sensitive.</li>
 *   <li>{@code I:SPX} bars have only o, h, l, c and t, as Polygon's index bars do.</li>
 *   <li>{@code TWTR} was delisted: its bars end on 2022-10-27.</li>
 *   <li>Intraday bars follow from the daily ones ({@link IntradayPath}, {@link Session}); the
 *       dividends and ticker details are {@link DividendSchedule}'s and {@link Companies}'.</li>
 *   <li>Crypto and forex bars start at 00:00 UTC of their date, and "today" for them is the UTC
 *       date: Polygon builds those daily bars on UTC days.</li>
 * </ul>
 */
public final class Market implements BarSource, ReferenceSource {
    public static final LocalDate HISTORY_START = LocalDate.of(2000, 1, 3);

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
            new Symbol("OMIT", Symbol.Kind.STOCK, 25, true),
            new Symbol("TCEHY", Symbol.Kind.OTC, 45, false),
            // Delisted: bars up to its last trading day, details with active=false and delisted_utc.
            new Symbol("TWTR", Symbol.Kind.STOCK, 40, false, LocalDate.of(2022, 10, 27)),
            new Symbol("X:BTCUSD", Symbol.Kind.CRYPTO, 20000, false),
            new Symbol("C:EURUSD", Symbol.Kind.FOREX, 1.15, false),
            new Symbol("I:SPX", Symbol.Kind.INDEX, 3000, false));

    private final Clock clock;
    private final Map<String, Symbol> universe = new LinkedHashMap<>();
    private static final LocalDate DIVIDENDS_UNTIL = LocalDate.of(2040, 1, 1);

    private List<DividendSchedule.Announced> dividendSchedule;
    /** Every split, those after today included: raw prices are history and already show them. */
    private final Splits splits;

    /** @param generated how many extra plain stocks {@code S0001..} to add (for benchmarks). */
    public Market(Clock clock, int generated) {
        if (generated < 0) throw new IllegalArgumentException("universe size must be >= 0");
        this.clock = clock;
        this.splits = new Splits(CorporateActions.splits(LocalDate.now(clock.withZone(Bar.NEW_YORK))));
        BUILT_IN.forEach(s -> universe.put(s.ticker(), s));
        int width = Math.max(4, String.valueOf(generated).length());
        for (int i = 1; i <= generated; i++) {
            String ticker = "S" + String.format("%0" + width + "d", i);
            // Log-uniform between $5 and $500 so generated names don't all look alike.
            double base = 5 * Math.pow(100, PricePath.unit(PricePath.seed(ticker), -5, 0));
            universe.put(ticker, Symbol.stock(ticker, base));
        }
    }

    /** The symbol of a known ticker, else null. */
    Symbol symbol(String ticker) {
        return universe.get(ticker);
    }

    Splits splitTable() {
        return splits;
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
        return s.kind() == Symbol.Kind.STOCK || (includeOtc && s.kind() == Symbol.Kind.OTC);
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
    public List<Split> splits(ZonedDateTime now) {
        return splits.executed(now.toLocalDate());
    }

    @Override
    public List<Dividend> dividends(ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        List<Dividend> listed = new ArrayList<>();
        for (DividendSchedule.Announced a : dividendSchedule()) {
            if (!a.announced().isAfter(today)) listed.add(a.dividend());
        }
        return Dividends.withFactors(listed, today, (ticker, exDate) -> closeBefore(ticker, exDate, now), splits,
                today);
    }

    @Override
    public Optional<TickerDetails> details(String ticker, LocalDate date, ZonedDateTime now) {
        Symbol s = universe.get(ticker);
        if (s == null) return Optional.empty();
        LocalDate today = now.withZoneSameInstant(s.zone()).toLocalDate();
        LocalDate asOf = date == null || date.isAfter(today) ? today : date;
        LocalDate listed = Companies.listDate(s);
        // Polygon answers 404 for a ticker not valid on the date asked.
        if (listed != null && asOf.isBefore(listed)) return Optional.empty();
        // The market cap uses the last close of a whole day: today's bar is still forming.
        LocalDate day = asOf.isBefore(today) ? asOf : today.minusDays(1);
        while (!hasBar(s, day, now) && !day.isBefore(HISTORY_START)) day = day.minusDays(1);
        Double close = hasBar(s, day, now) ? bar(s, day, false, now).c() : null;
        return Optional.of(Companies.of(s, close, 1 / splits.volumeFactor(ticker, day, null), s.lastDay()));
    }

    /** Built on first use, far enough ahead for any clock a test moves. */
    private synchronized List<DividendSchedule.Announced> dividendSchedule() {
        if (dividendSchedule == null) {
            LocalDate until = LocalDate.now(clock.withZone(Bar.NEW_YORK)).plusYears(5);
            if (until.isBefore(DIVIDENDS_UNTIL)) until = DIVIDENDS_UNTIL;
            dividendSchedule = DividendSchedule.all(until, (ticker, date) -> splits.volumeFactor(ticker, date, null));
        }
        return dividendSchedule;
    }

    /** The raw close of the ticker's last trading day before {@code date}, if it has one. */
    private Double closeBefore(String ticker, LocalDate date, ZonedDateTime now) {
        Symbol s = universe.get(ticker);
        if (s == null) return null;
        LocalDate d = date.minusDays(1);
        while (!trades(s, d) && !d.isBefore(HISTORY_START)) d = d.minusDays(1);
        return hasBar(s, d, now) ? bar(s, d, false, now).c() : null;
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

    static boolean trades(Symbol s, LocalDate date) {
        if (s.lastDay() != null && date.isAfter(s.lastDay())) return false;
        return switch (s.kind()) {
            case CRYPTO -> true;
            // Forex trades from Sunday evening to Friday evening: a UTC Sunday has a bar, Saturday none.
            case FOREX -> date.getDayOfWeek() != DayOfWeek.SATURDAY;
            default -> NyseCalendar.isTradingDay(date);
        };
    }

    /** The bar for a date known to have one. {@code now} decides how far today's bar has got. */
    private Bar bar(Symbol s, LocalDate date, boolean adjusted, ZonedDateTime now) {
        long seed = s.seed();
        long day = date.toEpochDay();
        double vol = s.volatility();
        PricePath.Day path = PricePath.day(s, day);
        double o = path.o(), c = path.c(), up = path.up(), down = path.down(), v = path.v();

        ZonedDateTime local = now.withZoneSameInstant(s.zone());
        if (date.equals(local.toLocalDate())) {
            // Today's bar is still forming: move it along with the minute of the day so clients can
            // see it change between syncs, converging on the final values at midnight.
            int minute = local.getHour() * 60 + local.getMinute();
            double p = (minute + 1) / 1440.0;
            c = o + (c - o) * p + o * 0.003 * vol * PricePath.signed(seed, day * 1440 + minute, 5) * (1 - p);
            up *= p;
            down *= p;
            v = Math.max(1, Math.rint(v * p));
        }
        long n = Math.max(1, Math.round(v / path.tradeSize()));

        // Raw prices are history: every split after the date, executed yet or not, is already in them.
        double f = splits.volumeFactor(s.ticker(), date, null);
        int decimals = PricePath.decimals(c * f);
        double ro = PricePath.round(o * f, decimals), rc = PricePath.round(c * f, decimals);
        double rh = Math.max(PricePath.round(Math.max(o, c) * (1 + up) * f, decimals), Math.max(ro, rc));
        double rl = Math.min(PricePath.round(Math.min(o, c) * (1 - down) * f, decimals), Math.min(ro, rc));
        double rv = Math.max(1, Math.rint(v / f));
        // An average of values inside [l, h] stays inside it, so vw is always plausible.
        double rvw = PricePath.round((ro + rh + rl + 2 * rc) / 5, 4);
        if (adjusted) {
            LocalDate today = now.withZoneSameInstant(Bar.NEW_YORK).toLocalDate();
            double pf = splits.priceFactor(s.ticker(), date, today);
            ro = Splits.adjust(ro, pf);
            rh = Splits.adjust(rh, pf);
            rl = Splits.adjust(rl, pf);
            rc = Splits.adjust(rc, pf);
            rvw = Splits.adjust(rvw, pf);
            rv = Splits.adjust(rv, splits.volumeFactor(s.ticker(), date, today));
        }
        Double vw = s.hasVwapAndCount() ? rvw : null;
        return new Bar(s.ticker(), date, date.atStartOfDay(s.zone()).toInstant().toEpochMilli(), ro, rh,
                rl, rc, s.hasVolume() ? rv : null, vw, s.hasVwapAndCount() ? n : null);
    }
}
