package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.get;
import static dev.stockticker.sandbox.Sandboxes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.support.FakePolygon;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Splits, dividends and details a test fixes, through the builder and through FakePolygon. */
class SandboxFixturesTest {
    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    @RegisterExtension
    final FakePolygon polygon = new FakePolygon()
            .bars("AAPL", "2024-03-04=170", "2024-03-05=171", "2024-03-06=172", "2024-03-07=173",
                    "2024-03-08=174", "2024-03-11=175")
            .split("AAPL", "2024-03-07", 1, 4)
            .dividend("AAPL", "2024-03-06", 1.0)
            .dividend("AAPL", "2024-03-11", 0.24)
            .details("ZZZ", "Zed Corp");

    private static double round4(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    private JsonNode viaPolygon(String path) throws Exception {
        return ok(polygon.baseUrl() + path.substring(1), "test-key-123");
    }

    @Test
    void aFixedSplitRescalesTheAdjustedBarsBeforeItAndIsListed() throws Exception {
        JsonNode raw = viaPolygon("/v2/aggs/ticker/AAPL/range/1/day/2024-03-01/2024-03-31?adjusted=false")
                .get("results");
        JsonNode adjusted = viaPolygon("/v2/aggs/ticker/AAPL/range/1/day/2024-03-01/2024-03-31").get("results");
        assertEquals(6, adjusted.size());
        for (int i = 0; i < 6; i++) {
            LocalDate date = LocalDate.of(2024, 3, 4).plusDays(i < 5 ? i : 7);
            Bar fixed = FixedBars.bar("AAPL", date, 170 + i);
            assertEquals(fixed.c(), raw.get(i).get("c").doubleValue());
            boolean before = date.isBefore(LocalDate.of(2024, 3, 7));
            assertEquals(before ? round4(fixed.c() / 4) : fixed.c(), adjusted.get(i).get("c").doubleValue(), 0);
            assertEquals(before ? round4(fixed.vw() / 4) : fixed.vw(), adjusted.get(i).get("vw").doubleValue(), 0);
            assertEquals(before ? fixed.v() * 4 : fixed.v(), adjusted.get(i).get("v").doubleValue(), 0);
            assertEquals((long) fixed.n(), adjusted.get(i).get("n").asLong());
        }
        JsonNode split = viaPolygon("/stocks/v1/splits?ticker=AAPL").get("results").get(0);
        assertEquals("2024-03-07", split.get("execution_date").asText());
        assertEquals("forward_split", split.get("adjustment_type").asText());
        assertEquals(0.25, split.get("historical_adjustment_factor").doubleValue());
        assertEquals(0, viaPolygon("/stocks/v1/splits?ticker=MSFT").get("results").size());
    }

    @Test
    void fixedDividendsGetTheirDatesAndFactorsFromTheFixture() throws Exception {
        JsonNode dividends = viaPolygon("/stocks/v1/dividends?ticker=AAPL").get("results");
        assertEquals(2, dividends.size());
        JsonNode late = dividends.get(0), early = dividends.get(1);
        assertEquals("2024-03-11", late.get("ex_dividend_date").asText(), "newest first");
        assertEquals("2024-02-26", late.get("declaration_date").asText());
        assertEquals("2024-03-11", late.get("record_date").asText());
        assertEquals("2024-03-25", late.get("pay_date").asText());
        assertEquals(4, late.get("frequency").asInt());
        assertEquals("recurring", late.get("distribution_type").asText());
        assertEquals("USD", late.get("currency").asText());
        // Each factor: 1 - cash / the last fixed close before the ex-date, times the later ones'.
        double lateFactor = 1 - 0.24 / 174;
        assertEquals(Math.round(lateFactor * 1e6) / 1e6, late.get("historical_adjustment_factor").doubleValue(), 0);
        assertEquals(Math.round(lateFactor * (1 - 1.0 / 171) * 1e6) / 1e6,
                early.get("historical_adjustment_factor").doubleValue(), 0);
        assertEquals(0.24, late.get("split_adjusted_cash_amount").doubleValue());
        assertEquals(0.25, early.get("split_adjusted_cash_amount").doubleValue(), "before the 4-for-1 split");
    }

    @Test
    void fixedDetailsForEveryFixtureTickerAndNamedOnes() throws Exception {
        JsonNode aapl = viaPolygon("/v3/reference/tickers/AAPL").get("results");
        assertEquals("AAPL Fixture Inc.", aapl.get("name").asText());
        assertEquals("2024-03-04", aapl.get("list_date").asText());
        assertEquals("stocks", aapl.get("market").asText());
        assertEquals("Zed Corp", viaPolygon("/v3/reference/tickers/ZZZ").get("results").get("name").asText());
        assertEquals(404, get(polygon.baseUrl() + "v3/reference/tickers/NOPE", "test-key-123").statusCode());
        assertEquals(0, viaPolygon("/v2/aggs/ticker/AAPL/range/1/minute/2024-03-04/2024-03-04").get("resultsCount")
                .asInt(), "fixtures have no intraday bars");
    }

    @Test
    void theSyntheticMarketServesIntradayBarsThroughFakePolygonToo() throws Exception {
        polygon.syntheticMarket(MarketTest.at("2024-07-05T14:30:00")).pageSize(100);
        List<String> urls = new ArrayList<>();
        String url = polygon.baseUrl() + "v2/aggs/ticker/AAPL/range/1/minute/2024-07-02/2024-07-02";
        int bars = 0;
        while (url != null) {
            urls.add(url);
            JsonNode page = ok(url, "test-key-123");
            bars += page.get("resultsCount").asInt();
            url = page.has("next_url") ? page.get("next_url").asText() : null;
        }
        assertTrue(bars > 400, "bars: " + bars);
        assertTrue(urls.size() > 4 && urls.get(1).startsWith(polygon.baseUrl()), urls.toString());
        assertEquals(urls.size(), polygon.server().getRequestCount());
        assertEquals("2024-07-05", polygon.market().today().toString());
        Clock clock = polygon.market().clock();
        assertEquals(MarketTest.at("2024-07-05T14:30:00").instant(), clock.instant());
    }

    @Test
    void theBuilderTakesFixturesWithoutBarsToo() throws Exception {
        SandboxServer s = servers.start(SandboxServer.builder().apiKey("k").split("OMIT", LocalDate.of(2020, 1, 2), 10, 1)
                .dividend("KO", LocalDate.of(2024, 1, 5), 0.46));
        JsonNode split = ok(s.baseUrl() + "/stocks/v1/splits", "k").get("results").get(0);
        assertEquals("reverse_split", split.get("adjustment_type").asText());
        assertEquals(10.0, split.get("historical_adjustment_factor").doubleValue());
        JsonNode dividend = ok(s.baseUrl() + "/stocks/v1/dividends", "k").get("results").get(0);
        assertEquals(1.0, dividend.get("historical_adjustment_factor").doubleValue(), "no close to relate it to");
        assertEquals(0, ok(s.baseUrl() + "/v2/aggs/ticker/OMIT/range/1/day/2020-01-01/2020-12-31", "k")
                .get("resultsCount").asInt());
    }
}
