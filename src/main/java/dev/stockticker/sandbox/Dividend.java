package dev.stockticker.sandbox;

import java.time.LocalDate;

/**
 * One cash dividend as {@code /stocks/v1/dividends} lists it. {@code cashAmount} is per share as
 * they were on the ex-date; the two factors depend on the day it is asked ({@link Dividends}).
 * The declaration, record and pay dates may be null, as in Polygon's older records.
 */
public record Dividend(String id, String ticker, double cashAmount, String currency, LocalDate declarationDate,
                       LocalDate exDividendDate, LocalDate recordDate, LocalDate payDate, int frequency,
                       String distributionType, double historicalAdjustmentFactor,
                       double splitAdjustedCashAmount) {

    /** A dividend not yet put in relation to prices and splits: both factors 1 and the amount as it is. */
    public static Dividend of(String ticker, double cashAmount, String currency, LocalDate declarationDate,
                              LocalDate exDividendDate, LocalDate recordDate, LocalDate payDate, int frequency,
                              String distributionType) {
        String id = Split.id("dividend|" + ticker + "|" + exDividendDate + "|" + cashAmount + "|" + distributionType);
        return new Dividend(id, ticker, cashAmount, currency, declarationDate, exDividendDate, recordDate, payDate,
                frequency, distributionType, 1, cashAmount);
    }

    Dividend withFactors(double historicalAdjustmentFactor, double splitAdjustedCashAmount) {
        return new Dividend(id, ticker, cashAmount, currency, declarationDate, exDividendDate, recordDate, payDate,
                frequency, distributionType, historicalAdjustmentFactor, splitAdjustedCashAmount);
    }
}
