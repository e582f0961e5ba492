package dev.stockticker.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * The synthetic prices before any split: a closed form in (ticker, day), so any bar costs O(1)
 * and needs no history. {@link Market} puts splits and today's partial state on top.
 */
final class PricePath {
    private static final double[] PERIODS = {2200, 480, 95, 23, 6};
    private static final double[] AMPLITUDES = {0.30, 0.15, 0.08, 0.04, 0.015};
    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    private PricePath() {}

    /** One whole day of a symbol's path: what its daily bar becomes once the day is over. */
    record Day(double o, double c, double up, double down, double v, double tradeSize) {
        double high() {
            return Math.max(o, c) * (1 + up);
        }

        double low() {
            return Math.min(o, c) * (1 - down);
        }
    }

    static Day day(Symbol s, long day) {
        long seed = s.seed();
        double vol = s.volatility();
        double c = Math.exp(logPrice(s, seed, day));
        double o = Math.exp(logPrice(s, seed, day - 1)) * Math.exp(0.004 * vol * signed(seed, day, 1));
        double up = 0.02 * vol * unit(seed, day, 2);
        double down = 0.02 * vol * unit(seed, day, 3);
        double v = Math.rint(Math.pow(10, 5 + 3 * unit(seed, -3, 0)) * (0.4 + 1.2 * unit(seed, day, 4)));
        double tradeSize = 50 + 150 * unit(seed, -4, 0);
        return new Day(o, c, up, down, v, tradeSize);
    }

    /**
     * A sum of ticker-seeded waves from years down to days plus daily noise: it behaves like a
     * random walk but stays within about +-1 of the base in log terms (prices never near zero).
     */
    private static double logPrice(Symbol s, long seed, long day) {
        double x = Math.log(s.basePrice());
        double vol = s.volatility();
        for (int k = 0; k < PERIODS.length; k++) {
            double period = PERIODS[k] * (0.8 + 0.4 * unit(seed, -1, k));
            double phase = 2 * Math.PI * unit(seed, -2, k);
            x += vol * AMPLITUDES[k] * Math.sin(2 * Math.PI * day / period + phase);
        }
        return x + 0.01 * vol * signed(seed, day, 0);
    }

    static double round(double x, int decimals) {
        double scale = POWERS_OF_TEN[decimals];
        return Math.round(x * scale) / scale;
    }

    /** Prices as Polygon's trades show them: cents, or hundredths of cents below $10. */
    static int decimals(double price) {
        return price < 10 ? 4 : 2;
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

    static double signed(long seed, long day, int salt) {
        return 2 * unit(seed, day, salt) - 1;
    }
}
