package dev.stockticker.sandbox;

/**
 * One symbol's intraday prices on one day, on {@link PricePath}'s split-free scale. The regular
 * session runs from the daily bar's open to its close within its high and low; pre-market drifts
 * there from the previous day's close, after-hours away from the close. Which minutes and seconds
 * have a bar is a hash of their start: the same everywhere, and fewer outside regular hours.
 */
final class IntradayPath {
    private static final double[] WAVE_MINUTES = {173, 61, 17};
    private static final double[] WAVE_WEIGHTS = {0.5, 0.3, 0.2};

    private final Session session;
    private final long seed;
    private final double vol;
    private final double prevClose, open, close, afterClose, high, low;
    private final double minuteVolume, tradeSize;
    private final double[] phases = new double[WAVE_MINUTES.length];
    private final double minuteRegular, minuteExtended, secondRegular, secondExtended;
    private final boolean aroundTheClock;
    private long cachedT = Long.MIN_VALUE;
    private double cachedPrice;

    IntradayPath(Symbol s, Session session) {
        this.session = session;
        this.seed = s.seed();
        this.vol = s.volatility();
        long day = session.date().toEpochDay();
        PricePath.Day today = PricePath.day(s, day);
        this.prevClose = PricePath.day(s, day - 1).c();
        this.open = today.o();
        this.close = today.c();
        this.high = today.high();
        this.low = today.low();
        this.afterClose = close * Math.exp(0.004 * vol * PricePath.signed(seed, day, 20));
        this.aroundTheClock = session.regularStart() == session.start();
        this.minuteVolume = today.v() / (aroundTheClock ? 1440 : 390);
        this.tradeSize = today.tradeSize();
        for (int k = 0; k < phases.length; k++) phases[k] = 2 * Math.PI * PricePath.unit(seed, -6, k);
        // How liquid the ticker is: the share of minutes (and seconds in them) that see a trade.
        double liquidity = PricePath.unit(seed, -7, 0);
        switch (s.kind()) {
            case CRYPTO -> { minuteRegular = 0.90 + 0.09 * liquidity; secondRegular = 0.25; }
            case FOREX -> { minuteRegular = 0.97 + 0.029 * liquidity; secondRegular = 0.40; }
            case OTC -> { minuteRegular = 0.50 + 0.30 * liquidity; secondRegular = 0.10; }
            case INDEX -> { minuteRegular = 0.999; secondRegular = 0.90; }
            default -> { minuteRegular = 0.95 + 0.045 * liquidity; secondRegular = 0.30; }
        }
        minuteExtended = s.kind() == Symbol.Kind.OTC ? 0.05 + 0.10 * liquidity : 0.25 + 0.40 * liquidity;
        secondExtended = 0.06;
    }

    Session session() {
        return session;
    }

    boolean hasMinute(long start) {
        double p = session.isRegular(start) ? minuteRegular : minuteExtended;
        return PricePath.unit(seed, Math.floorDiv(start, 60_000), 50) < p;
    }

    boolean hasSecond(long start) {
        double p = session.isRegular(start) ? secondRegular : secondExtended;
        return PricePath.unit(seed, Math.floorDiv(start, 1000), 51) < p;
    }

    /**
     * The minute starting at {@code start} into {@code out} as o, h, l, c, v; {@code fraction} < 1
     * for the minute still in progress, which closes at the price of that moment.
     */
    void minute(long start, double fraction, double[] out) {
        double o = price(start), c = price(start + (long) (60_000 * fraction));
        long m = Math.floorDiv(start, 60_000);
        out[0] = o;
        out[1] = Math.max(o, c) * (1 + 0.0006 * vol * PricePath.unit(seed, m, 53));
        out[2] = Math.min(o, c) * (1 - 0.0006 * vol * PricePath.unit(seed, m, 54));
        out[3] = c;
        out[4] = minuteVolume * volumeWeight(start) * (0.2 + 1.6 * PricePath.unit(seed, m, 55)) * fraction;
    }

    /** The second starting at {@code start}, inside its {@code minute} (as {@link #minute} gave it). */
    void second(long start, double fraction, double[] minute, double[] out) {
        long sec = Math.floorDiv(start, 1000);
        double k = Math.floorMod(sec, 60L);
        double range = minute[1] - minute[2];
        double o = minute[0] + (minute[3] - minute[0]) * k / 60 + 0.2 * range * PricePath.signed(seed, sec, 56);
        double c = minute[0] + (minute[3] - minute[0]) * (k + fraction) / 60
                + 0.2 * range * PricePath.signed(seed, sec, 57) * fraction;
        o = clamp(o, minute[2], minute[1]);
        c = clamp(c, minute[2], minute[1]);
        out[0] = o;
        out[1] = Math.max(o, c);
        out[2] = Math.min(o, c);
        out[3] = c;
        out[4] = minute[4] / 20 * (0.2 + 1.6 * PricePath.unit(seed, sec, 58)) * fraction;
    }

    /** Transactions for a volume on this path's scale. */
    long trades(double volume) {
        return Math.max(1, Math.round(volume / (0.4 * tradeSize)));
    }

    private double price(long t) {
        if (t == cachedT) return cachedPrice; // a minute opens where the one before closed
        double a, b, y, amp;
        if (t < session.regularStart()) {
            a = prevClose;
            b = open;
            y = (double) (t - session.start()) / (session.regularStart() - session.start());
            amp = 0.004 * vol * prevClose;
        } else if (t <= session.regularEnd() || aroundTheClock) {
            a = open;
            b = close;
            y = (double) (t - session.regularStart()) / (session.regularEnd() - session.regularStart());
            amp = 0.4 * (high - low);
        } else {
            a = close;
            b = afterClose;
            y = (double) (t - session.regularEnd()) / (session.end() - session.regularEnd());
            amp = 0.003 * vol * close;
        }
        double minutes = t / 60_000.0, wave = 0;
        for (int k = 0; k < WAVE_MINUTES.length; k++) {
            wave += WAVE_WEIGHTS[k] * Math.sin(2 * Math.PI * minutes / WAVE_MINUTES[k] + phases[k]);
        }
        double p = a + (b - a) * y
                + amp * Math.sin(Math.PI * y) * (0.85 * wave + 0.15 * PricePath.signed(seed, t / 1000, 52));
        if (session.isRegular(t) || t == session.regularEnd()) p = clamp(p, low, high);
        cachedT = t;
        cachedPrice = p;
        return p;
    }

    /** Busy at the open and the close, thin outside regular hours; flat around the clock. */
    private double volumeWeight(long start) {
        if (aroundTheClock) return 1;
        if (!session.isRegular(start)) return 0.05;
        double x = 2.0 * (start - session.regularStart()) / (session.regularEnd() - session.regularStart()) - 1;
        return 0.6 + 1.6 * x * x;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
