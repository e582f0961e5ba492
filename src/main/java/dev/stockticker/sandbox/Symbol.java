package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A ticker of the synthetic {@link Market}: its kind, the parameters of its price path, and the
 * last day of a delisted one (null while it trades).
 */
record Symbol(String ticker, Kind kind, double basePrice, boolean omitOptional, LocalDate lastDay) {

    enum Kind { STOCK, OTC, CRYPTO, FOREX, INDEX }

    Symbol(String ticker, Kind kind, double basePrice, boolean omitOptional) {
        this(ticker, kind, basePrice, omitOptional, null);
    }

    static Symbol stock(String ticker, double base) {
        return new Symbol(ticker, Kind.STOCK, base, false);
    }

    /** Polygon dates crypto and forex bars by UTC days, everything else by New York days. */
    ZoneId zone() {
        return kind == Kind.CRYPTO || kind == Kind.FOREX ? ZoneOffset.UTC : Bar.NEW_YORK;
    }

    /** Index bars carry only o, h, l, c and t: no volume, vwap or trade count. */
    boolean hasVolume() {
        return kind != Kind.INDEX;
    }

    /** Whether its bars carry vw and n. */
    boolean hasVwapAndCount() {
        return hasVolume() && !omitOptional;
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

    long seed() {
        return PricePath.seed(ticker);
    }
}
