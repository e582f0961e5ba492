package dev.stockticker.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One split as {@code /stocks/v1/splits} lists it, less its {@code historical_adjustment_factor},
 * which depends on the day it is asked ({@link Splits}). {@code splitFrom} old shares became
 * {@code splitTo} new ones.
 */
public record Split(String id, String ticker, LocalDate executionDate, double splitFrom, double splitTo,
                    String adjustmentType) {

    public static final String FORWARD = "forward_split";
    public static final String REVERSE = "reverse_split";
    public static final String STOCK_DIVIDEND = "stock_dividend";

    /** A forward or reverse split by its ratio, with a stable id. */
    public static Split of(String ticker, LocalDate executionDate, double splitFrom, double splitTo) {
        if (!(splitFrom > 0 && splitTo > 0) || splitFrom == splitTo) {
            throw new IllegalArgumentException("a split needs two different positive share counts, got "
                    + splitFrom + ":" + splitTo);
        }
        return of(ticker, executionDate, splitFrom, splitTo, splitTo > splitFrom ? FORWARD : REVERSE);
    }

    public static Split of(String ticker, LocalDate executionDate, double splitFrom, double splitTo, String type) {
        String key = ticker + "|" + executionDate + "|" + splitFrom + "|" + splitTo + "|" + type;
        return new Split(id(key), ticker, executionDate, splitFrom, splitTo, type);
    }

    /** What one price before the split is multiplied by to be on the shares after it. */
    public double priceRatio() {
        return splitFrom / splitTo;
    }

    /** What one volume before the split is multiplied by, the inverse of {@link #priceRatio}. */
    public double volumeRatio() {
        return splitTo / splitFrom;
    }

    /** Shaped like Polygon's ids ("E" and 64 hex digits) and a pure function of the event. */
    static String id(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "E" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
