package dev.stockticker.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Walks a window of intraday bars of the {@link Market} into a page, in primitive arrays so that
 * a 50,000-bar page costs no object per bar. A bar of {@code multiplier} units aggregates the base
 * bars (seconds for second bars, minutes otherwise) in it; buckets start on multiples of the bar
 * length from the session's start and are cut at its end. Prices go raw, then adjusted, as the
 * daily bars do ({@link Market}).
 */
final class IntradayBars {
    private final Market market;
    private final Symbol symbol;
    private final boolean volume, vwapAndCount, fractionalVolume;

    // The page: one entry per bar.
    int size;
    long baseBars;
    long[] t = new long[256];
    long[] n = new long[256];
    double[] o = new double[256], h = new double[256], l = new double[256], c = new double[256];
    double[] v = new double[256], vw = new double[256];

    IntradayBars(Market market, Symbol symbol) {
        this.market = market;
        this.symbol = symbol;
        this.volume = symbol.hasVolume();
        this.vwapAndCount = symbol.hasVwapAndCount();
        this.fractionalVolume = symbol.kind() == Symbol.Kind.CRYPTO;
    }

    /**
     * Fills the page with the bars starting in {@code [from, to]} (a bar holding {@code from}
     * counts), up to {@code budget} base bars but at least one bar; returns the start of the bar
     * the next page begins with, or -1 when the window is done.
     */
    long walk(long barMillis, long baseMillis, long from, long to, boolean descending, boolean adjusted, int budget,
              ZonedDateTime now) {
        long nowMillis = now.toInstant().toEpochMilli();
        long last = Math.min(to, nowMillis);
        if (from > last) return -1;
        LocalDate first = max(dateOf(from), Market.HISTORY_START), lastDay = dateOf(last);
        LocalDate today = now.withZoneSameInstant(Bar.NEW_YORK).toLocalDate();
        Bucket bucket = new Bucket(baseMillis);
        for (LocalDate d = descending ? lastDay : first; !d.isBefore(first) && !d.isAfter(lastDay);
             d = descending ? d.minusDays(1) : d.plusDays(1)) {
            if (!Market.trades(symbol, d)) continue;
            Session session = Session.of(symbol, d);
            IntradayPath path = new IntradayPath(symbol, session);
            Splits splits = market.splitTable();
            bucket.raw = splits.volumeFactor(symbol.ticker(), d, null);
            bucket.price = adjusted ? splits.priceFactor(symbol.ticker(), d, today) : 1;
            bucket.volume = adjusted ? splits.volumeFactor(symbol.ticker(), d, today) : 1;
            long count = (session.end() - session.start() + barMillis - 1) / barMillis;
            for (long i = 0; i < count; i++) {
                long start = session.start() + (descending ? count - 1 - i : i) * barMillis;
                long end = Math.min(start + barMillis, session.end());
                if (end <= from || start > last) continue;
                bucket.fill(path, start, end, nowMillis);
                if (bucket.bases == 0) continue;
                if (size > 0 && baseBars + bucket.bases > budget) return start;
                append(start, bucket);
            }
        }
        return -1;
    }

    private LocalDate dateOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(symbol.zone()).toLocalDate();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private void append(long start, Bucket b) {
        if (size == t.length) grow();
        t[size] = start;
        o[size] = Splits.adjust(b.o, b.price);
        h[size] = Splits.adjust(b.h, b.price);
        l[size] = Splits.adjust(b.l, b.price);
        c[size] = Splits.adjust(b.c, b.price);
        // A sum of fractional volumes picks up binary noise (5.6985790000000005) that trades never show.
        v[size] = Splits.adjust(fractionalVolume ? PricePath.round(b.v, 6) : b.v, b.volume);
        vw[size] = Splits.adjust(PricePath.round(b.vwTimesV / b.v, 4), b.price);
        n[size] = b.n;
        size++;
        baseBars += b.bases;
    }

    private void grow() {
        int cap = t.length * 2;
        t = Arrays.copyOf(t, cap);
        n = Arrays.copyOf(n, cap);
        o = Arrays.copyOf(o, cap);
        h = Arrays.copyOf(h, cap);
        l = Arrays.copyOf(l, cap);
        c = Arrays.copyOf(c, cap);
        v = Arrays.copyOf(v, cap);
        vw = Arrays.copyOf(vw, cap);
    }

    /** One bar being aggregated from its base bars, raw; reused for every bar of a walk. */
    private final class Bucket {
        final long baseMillis;
        final double[] minute = new double[5], second = new double[5];
        double raw, price, volume;
        int bases;
        double o, h, l, c, v, vwTimesV;
        long n;
        private long minuteStart = Long.MIN_VALUE;
        private boolean minutePresent;

        Bucket(long baseMillis) {
            this.baseMillis = baseMillis;
        }

        void fill(IntradayPath path, long start, long end, long now) {
            bases = 0;
            v = 0;
            vwTimesV = 0;
            n = 0;
            for (long u = start; u < end && u <= now; u += baseMillis) {
                double fraction = Math.min(1, (double) (now - u) / baseMillis);
                double[] base;
                if (baseMillis == 60_000) {
                    if (!path.hasMinute(u)) continue;
                    path.minute(u, fraction, minute);
                    base = minute;
                } else {
                    long m = u - Math.floorMod(u, 60_000L);
                    if (m != minuteStart) {
                        minuteStart = m;
                        minutePresent = path.hasMinute(m);
                        if (minutePresent) path.minute(m, Math.min(1, (double) (now - m) / 60_000), minute);
                    }
                    if (!minutePresent || !path.hasSecond(u)) continue;
                    path.second(u, fraction, minute, second);
                    base = second;
                }
                add(path, base);
            }
        }

        private void add(IntradayPath path, double[] base) {
            int decimals = PricePath.decimals(base[3] * raw);
            double bo = PricePath.round(base[0] * raw, decimals), bc = PricePath.round(base[3] * raw, decimals);
            double bh = Math.max(PricePath.round(base[1] * raw, decimals), Math.max(bo, bc));
            double bl = Math.min(PricePath.round(base[2] * raw, decimals), Math.min(bo, bc));
            double bv = fractionalVolume ? Math.max(1e-6, PricePath.round(base[4], 6))
                    : Math.max(1, Math.rint(base[4] / raw));
            double bvw = PricePath.round((bo + bh + bl + 2 * bc) / 5, 4);
            if (bases == 0) {
                o = bo;
                h = bh;
                l = bl;
            } else {
                h = Math.max(h, bh);
                l = Math.min(l, bl);
            }
            c = bc;
            v += bv;
            vwTimesV += bvw * bv;
            n += path.trades(base[4]);
            bases++;
        }
    }

    boolean hasVolume() {
        return volume;
    }

    boolean hasVwapAndCount() {
        return vwapAndCount;
    }
}
