package dev.stockticker.sandbox;

import dev.stockticker.calendar.NyseCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The synthetic {@link Market}'s dividends: regular schedules, plus MSFT's special dividend of
 * 2004. A dividend is listed once declared, so each payer's next one shows with an ex-date (and
 * pay date) after today; KIMpL declares a year ahead. Declaration dates before 2004 are null, as
 * in Polygon's older records, and OMIT's declaration and record dates always are.
 */
final class DividendSchedule {
    /** Since 2024-05-28 (T+1 settlement) the record date is the ex-date; before, the next trading day. */
    private static final LocalDate T_PLUS_ONE = LocalDate.of(2024, 5, 28);
    private static final LocalDate DECLARATIONS_KNOWN_FROM = LocalDate.of(2004, 1, 1);

    private record Plan(String ticker, String firstExDate, int frequency, double amount, double yearlyGrowth,
                        String currency, int declaredDaysAhead, int paidDaysAfter) {}

    // amount: per share as they are today, at the first payment; it steps up once a year.
    private static final List<Plan> PLANS = List.of(
            new Plan("AAPL", "2012-08-09", 4, 0.0946, 0.07, "USD", 14, 7),
            new Plan("MSFT", "2003-10-15", 4, 0.08, 0.10, "USD", 28, 28),
            new Plan("JNJ", "2000-02-25", 4, 0.70, 0.06, "USD", 30, 14),
            new Plan("KO", "2000-03-13", 4, 0.34, 0.05, "USD", 45, 17),
            new Plan("PG", "2000-01-19", 4, 0.70, 0.06, "USD", 30, 30),
            new Plan("XOM", "2000-02-09", 4, 0.44, 0.05, "USD", 35, 30),
            new Plan("JPM", "2000-01-04", 4, 0.32, 0.06, "USD", 42, 28),
            new Plan("PEP", "2000-03-08", 4, 0.68, 0.07, "USD", 30, 22),
            new Plan("HD", "2000-03-08", 4, 0.20, 0.12, "USD", 28, 14),
            new Plan("WMT", "2000-03-17", 4, 0.06, 0.09, "USD", 60, 24),
            new Plan("V", "2008-08-13", 4, 0.05, 0.15, "USD", 21, 21),
            new Plan("CSCO", "2011-04-05", 4, 0.06, 0.10, "USD", 28, 22),
            new Plan("INTC", "2000-02-03", 4, 0.02, 0.12, "USD", 45, 30),
            new Plan("NVDA", "2012-11-20", 4, 0.0021, 0, "USD", 14, 21),
            new Plan("GOOGL", "2024-06-10", 4, 0.20, 0.05, "USD", 56, 7),
            new Plan("META", "2024-02-21", 4, 0.50, 0.05, "USD", 19, 5),
            new Plan("KIMpL", "2020-09-29", 4, 0.3125, 0, "USD", 365, 15),
            new Plan("TCEHY", "2005-05-16", 1, 0.22, 0.15, "HKD", 60, 21),
            new Plan("OMIT", "2015-01-15", 12, 0.10, 0, "USD", 0, 10));

    private DividendSchedule() {}

    /** Every dividend there will ever be, with the day each is announced. */
    record Announced(LocalDate announced, Dividend dividend) {}

    /** {@code rawScale}: how many of today's shares one share of a date was (splits after it). */
    static List<Announced> all(LocalDate until, BiFunction<String, LocalDate, Double> rawScale) {
        List<Announced> out = new ArrayList<>();
        for (Plan p : PLANS) {
            LocalDate first = LocalDate.parse(p.firstExDate());
            for (int k = 0; ; k++) {
                LocalDate ex = tradingDayFrom(first.plusMonths((long) k * 12 / p.frequency()), 1);
                LocalDate announced = p.declaredDaysAhead() == 0 ? ex.minusDays(30)
                        : tradingDayFrom(ex.minusDays(p.declaredDaysAhead()), -1);
                if (announced.isAfter(until)) break;
                double perShareToday = p.amount() * Math.pow(1 + p.yearlyGrowth(), k / p.frequency());
                double cash = PricePath.round(perShareToday * rawScale.apply(p.ticker(), ex), 4);
                LocalDate declared = p.declaredDaysAhead() == 0 || ex.isBefore(DECLARATIONS_KNOWN_FROM) ? null
                        : announced;
                LocalDate record = p.declaredDaysAhead() == 0 ? null
                        : ex.isBefore(T_PLUS_ONE) ? tradingDayFrom(ex.plusDays(1), 1) : ex;
                LocalDate pay = tradingDayFrom(ex.plusDays(p.paidDaysAfter()), 1);
                out.add(new Announced(announced, Dividend.of(p.ticker(), cash, p.currency(), declared, ex, record,
                        pay, p.frequency(), "recurring")));
            }
        }
        out.add(new Announced(LocalDate.of(2004, 7, 20), Dividend.of("MSFT", 3.0, "USD", LocalDate.of(2004, 7, 20),
                LocalDate.of(2004, 11, 15), LocalDate.of(2004, 11, 17), LocalDate.of(2004, 12, 2), 0, "special")));
        return out;
    }

    /** {@code day} if it is a trading day, else the nearest one in the direction {@code step} (+1 or -1). */
    private static LocalDate tradingDayFrom(LocalDate day, int step) {
        LocalDate d = day;
        while (!NyseCalendar.isTradingDay(d)) d = d.plusDays(step);
        return d;
    }
}
