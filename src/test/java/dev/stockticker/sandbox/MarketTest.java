package dev.stockticker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketTest {
    static Clock at(String nyDateTime) {
        return Clock.fixed(LocalDateTime.parse(nyDateTime).atZone(Bar.NEW_YORK).toInstant(), Bar.NEW_YORK);
    }

    private static final List<String> UNADJUSTED_TOO = List.of("AAPL", "X:BTCUSD", "C:EURUSD", "OMIT");

    private final Market market = new Market(at("2024-07-05T14:30:00"), 3);

    @Test
    void barsAreWellFormedAcrossTheUniverseAndHistory() {
        for (String ticker : market.tickers()) {
            // Unadjusted is the same path scaled; checking it for a few tickers keeps the test quick.
            for (boolean adjusted : UNADJUSTED_TOO.contains(ticker) ? new boolean[] {true, false} : new boolean[] {true}) {
                List<Bar> bars = market.bars(ticker, LocalDate.of(1999, 1, 1), LocalDate.of(2030, 1, 1), adjusted);
                assertFalse(bars.isEmpty(), ticker);
                assertEquals(Market.HISTORY_START, bars.get(0).date(), ticker);
                LocalDate last = ticker.equals("TWTR") ? LocalDate.of(2022, 10, 27) : today(ticker); // delisted
                assertEquals(last, bars.get(bars.size() - 1).date(), ticker);
                for (Bar b : bars) {
                    String where = ticker + " " + b.date();
                    assertTrue(b.l() > 0, where);
                    assertTrue(b.h() >= Math.max(b.o(), b.c()), where);
                    assertTrue(b.l() <= Math.min(b.o(), b.c()), where);
                    if (ticker.startsWith("I:")) {
                        assertTrue(b.v() == null && b.vw() == null && b.n() == null, where);
                    } else {
                        // Raw volumes are whole; adjusted ones may not be (GOOGL's 2.002-for-1).
                        assertTrue(b.v() > 0 && (adjusted || b.v() == Math.rint(b.v())), where);
                    }
                    assertEquals(b.date().atStartOfDay(zone(ticker)).toInstant().toEpochMilli(), b.t(),
                            where);
                    if (b.vw() != null) assertTrue(b.vw() >= b.l() && b.vw() <= b.h(), where);
                }
            }
        }
    }

    @Test
    void pastBarsAreDeterministicAcrossInstancesAndClocks() {
        Market other = new Market(at("2025-01-10T09:00:00"), 0);
        LocalDate from = LocalDate.of(2003, 3, 1), to = LocalDate.of(2024, 7, 3);
        assertEquals(market.bars("AAPL", from, to, true), other.bars("AAPL", from, to, true));
        assertEquals(market.bars("X:BTCUSD", from, to, false), other.bars("X:BTCUSD", from, to, false));
    }

    @Test
    void todaysBarMovesWithTheTimeOfDayAndNothingComesAfterIt() {
        Market later = new Market(at("2024-07-05T15:45:00"), 0);
        LocalDate today = LocalDate.of(2024, 7, 5);
        assertNotEquals(market.bar("MSFT", today, true), later.bar("MSFT", today, true));
        assertEquals(market.bar("MSFT", today.minusDays(2), true), later.bar("MSFT", today.minusDays(2), true));
        assertTrue(market.bar("MSFT", today.plusDays(3), true).isEmpty());
        assertTrue(market.isTradingDay("MSFT", today.plusDays(3))); // the calendar itself ignores the clock
    }

    @Test
    void rawPricesShowEverySplitAfterTheirDateAndAdjustedOnesUndoThem() {
        // TSLA split 5-for-1 on 2020-08-31 and 3-for-1 on 2022-08-25.
        Bar adj = market.bar("TSLA", LocalDate.of(2020, 3, 2), true).orElseThrow();
        Bar raw = market.bar("TSLA", LocalDate.of(2020, 3, 2), false).orElseThrow();
        assertEquals(15, raw.c() / adj.c(), 0.01);
        assertEquals(15, adj.v() / raw.v(), 1e-9);
        Bar between = market.bar("TSLA", LocalDate.of(2021, 3, 1), false).orElseThrow();
        assertEquals(3, between.c() / market.bar("TSLA", LocalDate.of(2021, 3, 1), true).orElseThrow().c(), 0.01);
        LocalDate after = LocalDate.of(2022, 8, 25);
        assertEquals(market.bar("TSLA", after, false), market.bar("TSLA", after, true));
        assertEquals(market.bars("JPM", Market.HISTORY_START, after, false),
                market.bars("JPM", Market.HISTORY_START, after, true), "no splits: adjusted is raw");
    }

    @Test
    void calendarsPerAssetClass() {
        LocalDate saturday = LocalDate.of(2024, 7, 6), holiday = LocalDate.of(2024, 7, 4);
        assertTrue(market.isTradingDay("X:BTCUSD", saturday));
        assertTrue(market.isTradingDay("X:BTCUSD", holiday));
        assertFalse(market.isTradingDay("C:EURUSD", saturday));
        assertTrue(market.isTradingDay("C:EURUSD", holiday));
        assertFalse(market.isTradingDay("AAPL", saturday));
        assertFalse(market.isTradingDay("I:SPX", holiday));
        assertFalse(market.isTradingDay("NOPE", LocalDate.of(2024, 7, 5)));
        assertTrue(market.bars("NOPE", holiday, saturday, true).isEmpty());
    }

    @Test
    void omitTickerLacksOptionalFields() {
        Bar b = market.bar("OMIT", LocalDate.of(2024, 7, 3), true).orElseThrow();
        assertNull(b.vw());
        assertNull(b.n());
        Bar a = market.bar("AAPL", LocalDate.of(2024, 7, 3), true).orElseThrow();
        assertNotNull(a.vw());
        assertNotNull(a.n());
    }

    @Test
    void universeAndGroupedTickers() {
        assertTrue(market.tickers().containsAll(List.of("AAPL", "BRK.B", "X:BTCUSD", "S0001", "S0003")));
        assertFalse(market.isKnown("S0004"));
        List<String> grouped = market.groupedTickers(false);
        assertTrue(grouped.contains("S0002") && grouped.contains("OMIT"));
        assertTrue(grouped.stream().noneMatch(t -> t.contains(":")));
        assertFalse(grouped.contains("TCEHY"));
        assertTrue(market.groupedTickers(true).contains("TCEHY"));
        List<String> large = new Market(Clock.systemUTC(), 10000).tickers();
        assertEquals("S00001", large.get(large.indexOf("I:SPX") + 1), "built-ins first, then S00001..");
    }

    /** Crypto and forex days are UTC days; every other market's are New York days. */
    private static java.time.ZoneId zone(String ticker) {
        return ticker.startsWith("X:") || ticker.startsWith("C:") ? java.time.ZoneOffset.UTC
                : java.time.ZoneId.of("America/New_York");
    }

    private LocalDate today(String ticker) {
        return java.time.ZonedDateTime.now(market.clock()).withZoneSameInstant(zone(ticker)).toLocalDate();
    }
}
