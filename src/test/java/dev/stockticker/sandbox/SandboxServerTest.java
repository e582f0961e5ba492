package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.HTTP;
import static dev.stockticker.sandbox.Sandboxes.JSON;
import static dev.stockticker.sandbox.Sandboxes.get;
import static dev.stockticker.sandbox.Sandboxes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class SandboxServerTest {
    /** Friday 2024-07-05, 14:30 in New York: the day after a holiday, with a weekend next. */
    private static final Clock CLOCK = MarketTest.at("2024-07-05T14:30:00");
    private static final LocalDate TODAY = LocalDate.of(2024, 7, 5);

    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    private SandboxServer start(SandboxServer.Builder b) {
        return servers.start(b);
    }

    private SandboxServer start() {
        return start(SandboxServer.builder().clock(CLOCK).apiKey("k"));
    }

    private static String aggs(SandboxServer s, String ticker, Object from, Object to) {
        return s.baseUrl() + "/v2/aggs/ticker/" + ticker + "/range/1/day/" + from + "/" + to;
    }

    private static void assertSameBar(Bar expected, JsonNode actual, boolean grouped) {
        String where = expected.ticker() + " " + expected.date() + ": " + actual;
        assertEquals(grouped ? expected.groupedT() : expected.t(), actual.get("t").asLong(), where);
        assertEquals(expected.o(), actual.get("o").doubleValue(), where);
        assertEquals(expected.h(), actual.get("h").doubleValue(), where);
        assertEquals(expected.l(), actual.get("l").doubleValue(), where);
        assertEquals(expected.c(), actual.get("c").doubleValue(), where);
        assertEquals(expected.v() != null, actual.has("v"), where);
        if (expected.v() != null) assertEquals(expected.v(), actual.get("v").doubleValue(), where);
        assertEquals(expected.vw() != null, actual.has("vw"), where);
        if (expected.vw() != null) assertEquals(expected.vw(), actual.get("vw").doubleValue(), where);
        assertEquals(expected.n() != null, actual.has("n"), where);
        if (expected.n() != null) assertEquals((long) expected.n(), actual.get("n").asLong(), where);
    }

    @Test
    void paginationWalksNextUrlToExactlyTheWindowWithoutLeakingTheKey() throws Exception {
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("secret-key").pageSize(3));
        LocalDate from = LocalDate.of(2024, 5, 20), to = LocalDate.of(2024, 7, 12);
        List<Bar> expected = s.market().bars("AAPL", from, to, false);
        assertEquals(TODAY, expected.get(expected.size() - 1).date());

        List<JsonNode> got = new ArrayList<>();
        String url = aggs(s, "AAPL", from, to) + "?adjusted=false&sort=asc&limit=50000&apiKey=secret-key";
        int pages = 0;
        while (url != null) {
            JsonNode page = ok(url, null);
            pages++;
            assertEquals(page.get("resultsCount").asInt(), page.get("results").size());
            assertTrue(page.get("results").size() <= 3);
            assertFalse(page.get("adjusted").asBoolean());
            page.get("results").forEach(got::add);
            url = page.has("next_url") ? page.get("next_url").asText() : null;
            if (url != null) {
                assertFalse(url.contains("secret-key") || url.toLowerCase().contains("apikey"), url);
                assertTrue(url.startsWith(s.baseUrl() + "/v2/aggs/ticker/AAPL/range/1/day/"), url);
                url += "&apiKey=secret-key"; // as Polygon clients do: re-attach the key themselves
            }
        }
        assertEquals(expected.size(), got.size());
        assertEquals((expected.size() + 2) / 3, pages);
        for (int i = 0; i < expected.size(); i++) assertSameBar(expected.get(i), got.get(i), false);
        assertEquals(pages, s.requestCount(SandboxServer.Endpoint.AGGREGATES));
    }

    @Test
    void descendingSortAndLimitSmallerThanPageSize() throws Exception {
        SandboxServer s = start();
        LocalDate from = LocalDate.of(2024, 6, 24), to = LocalDate.of(2024, 7, 5);
        List<Bar> expected = new ArrayList<>(s.market().bars("NVDA", from, to, true));
        java.util.Collections.reverse(expected);

        List<JsonNode> got = new ArrayList<>();
        String url = aggs(s, "NVDA", from, to) + "?sort=desc&limit=4";
        while (url != null) {
            JsonNode page = ok(url, "k");
            assertTrue(page.get("results").size() <= 4);
            page.get("results").forEach(got::add);
            url = page.has("next_url") ? page.get("next_url").asText() : null;
        }
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) assertSameBar(expected.get(i), got.get(i), false);
    }

    @Test
    void wrongOrMissingKeyIsRejected() throws Exception {
        SandboxServer s = start();
        String url = aggs(s, "AAPL", "2024-07-01", "2024-07-03");
        List<HttpResponse<String>> rejected = List.of(
                get(url, "wrong"), get(url + "?apiKey=wrong", null), get(url, null));
        for (HttpResponse<String> r : rejected) {
            assertEquals(401, r.statusCode());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("ERROR", body.get("status").asText());
            assertEquals("Unknown API Key", body.get("error").asText());
            assertTrue(body.has("request_id"));
        }
        ok(url, "k");
        ok(url + "?apiKey=k", null);
        assertEquals(5, s.requestCount());
    }

    @Test
    void weekendsHolidaysAndUnknownTickersAreEmpty() throws Exception {
        SandboxServer s = start();
        for (String url : List.of(
                aggs(s, "AAPL", "2024-06-29", "2024-06-30"),   // weekend
                aggs(s, "AAPL", "2024-07-04", "2024-07-04"),   // Independence Day
                aggs(s, "AAPL", "2024-07-06", "2024-07-31"),   // after today
                aggs(s, "AAPL", "1999-01-01", "1999-12-31"),   // before history
                aggs(s, "AAPL", "2024-07-03", "2024-07-01"),   // from after to
                aggs(s, "NOSUCH", "2024-07-01", "2024-07-05"))) {
            JsonNode body = ok(url, "k");
            assertEquals(0, body.get("resultsCount").asInt(), url);
            assertEquals(0, body.get("queryCount").asInt(), url);
            assertFalse(body.has("results"), url);
            assertFalse(body.has("next_url"), url);
        }
        // Crypto trades through weekends and holidays.
        assertEquals(2, ok(aggs(s, "X:BTCUSD", "2024-06-29", "2024-06-30"), "k").get("resultsCount").asInt());
    }

    @Test
    void todaysBarIsServedAndChangesDuringTheDay() throws Exception {
        SandboxServer s = start();
        SandboxServer later = start(SandboxServer.builder().clock(MarketTest.at("2024-07-05T15:59:00")).apiKey("k"));
        JsonNode now = ok(aggs(s, "MSFT", "2024-07-03", "2024-07-10"), "k").get("results");
        JsonNode then = ok(aggs(later, "MSFT", "2024-07-03", "2024-07-10"), "k").get("results");
        assertEquals(2, now.size()); // Wednesday and today (Friday); nothing after today
        assertEquals(Bar.midnightMillis(TODAY), now.get(1).get("t").asLong());
        assertEquals(now.get(0), then.get(0));
        assertNotEquals(now.get(1), then.get(1));
        assertSameBar(s.market().bar("MSFT", TODAY, true).orElseThrow(), now.get(1), false);
    }

    @Test
    void groupedDailyMatchesPerTickerBarsAndHoldsOnlyUsStocks() throws Exception {
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").universe(5));
        LocalDate day = LocalDate.of(2024, 7, 3);
        String grouped = s.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/" + day;
        for (boolean adjusted : new boolean[] {true, false}) {
            JsonNode body = ok(grouped + "?adjusted=" + adjusted, "k");
            Set<String> tickers = new HashSet<>();
            for (JsonNode r : body.get("results")) {
                String t = r.get("T").asText();
                tickers.add(t);
                assertSameBar(s.market().bar(t, day, adjusted).orElseThrow(), r, true);
            }
            assertEquals(body.get("resultsCount").asInt(), tickers.size());
            assertTrue(tickers.containsAll(List.of("AAPL", "OMIT", "BRK.B", "S0001", "S0005")));
            assertTrue(tickers.stream().noneMatch(t -> t.contains(":")), tickers::toString);
            assertFalse(tickers.contains("TCEHY"));

            JsonNode perTicker = ok(aggs(s, "AAPL", day, day) + "?adjusted=" + adjusted, "k").get("results").get(0);
            JsonNode fromGrouped = null;
            for (JsonNode r : body.get("results")) if (r.get("T").asText().equals("AAPL")) fromGrouped = r;
            for (String f : List.of("o", "h", "l", "c", "v", "vw", "n")) {
                assertEquals(perTicker.get(f), fromGrouped.get(f), f);
            }
            assertEquals(4 * 3600_000L, fromGrouped.get("t").asLong() - 12 * 3600_000L - perTicker.get("t").asLong());
        }
        JsonNode otc = ok(grouped + "?include_otc=true", "k");
        assertTrue(otc.get("results").findValuesAsText("T").contains("TCEHY"));

        for (String closed : List.of("2024-07-04", "2024-07-06", "2024-07-08")) {
            JsonNode body = ok(s.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/" + closed, "k");
            assertEquals(0, body.get("resultsCount").asInt(), closed);
            assertFalse(body.has("results"), closed);
        }
        assertEquals(6, s.requestCount(SandboxServer.Endpoint.GROUPED));
        assertEquals(2, s.requestCount(SandboxServer.Endpoint.AGGREGATES));
    }

    @Test
    void rateLimitAnswers429ThenRecovers() throws Exception {
        // A window wide enough that four requests fit in it on a loaded machine too.
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").rateLimit(3, Duration.ofSeconds(2)));
        String url = aggs(s, "AAPL", "2024-07-01", "2024-07-03");
        for (int i = 0; i < 3; i++) ok(url, "k");
        HttpResponse<String> r = get(url, "k");
        assertEquals(429, r.statusCode());
        int retryAfter = Integer.parseInt(r.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ERROR", body.get("status").asText());
        assertTrue(body.get("error").asText().startsWith("You've exceeded the maximum requests per minute"));
        assertEquals(1, s.throttledCount());
        Thread.sleep(2_050);
        ok(url, "k");

        SandboxServer quiet = start(SandboxServer.builder().clock(CLOCK).apiKey("k")
                .rateLimit(1, Duration.ofSeconds(30)).retryAfterHeader(false));
        ok(aggs(quiet, "AAPL", "2024-07-01", "2024-07-03"), "k");
        HttpResponse<String> r2 = get(aggs(quiet, "AAPL", "2024-07-01", "2024-07-03"), "k");
        assertEquals(429, r2.statusCode());
        assertTrue(r2.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void twoServersServeIdenticalPastData() throws Exception {
        SandboxServer a = start();
        SandboxServer b = start(SandboxServer.builder().clock(MarketTest.at("2025-03-03T10:00:00")).apiKey("k"));
        // Up to the Friday before BRK.B's recent split, which each server dates by its own clock.
        String path = "/v2/aggs/ticker/BRK.B/range/1/day/2005-01-01/2024-06-28?limit=50000";
        JsonNode ra = ok(a.baseUrl() + path, "k"), rb = ok(b.baseUrl() + path, "k");
        assertTrue(ra.get("resultsCount").asInt() > 4800);
        assertEquals(ra.get("results"), rb.get("results"));
        String g = "/v2/aggs/grouped/locale/us/market/stocks/2010-06-15?adjusted=false";
        assertEquals(ok(a.baseUrl() + g, "k").get("results"), ok(b.baseUrl() + g, "k").get("results"));
    }

    @Test
    void answersTwentyFourRequestsInFlightAtOnceCorrectly() throws Exception {
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").universe(500));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            String url = i % 2 == 0
                    ? aggs(s, String.format("S%04d", i * 20), "2020-01-01", "2024-07-05")
                    : s.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/2024-07-0" + (1 + i % 3);
            inFlight.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer k").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : inFlight) {
            HttpResponse<String> r = f.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertTrue(JSON.readTree(r.body()).get("resultsCount").asInt() > 500, r.request().uri().toString());
        }
        assertEquals(24, s.requestCount());
    }

    @Test
    void fixedBarsAreServedAsTheirClosesSayWhateverTheClock() throws Exception {
        // 2024-07-08 is after the clock's today: fixed bars are served all the same.
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").pageSize(2).plainCursors(true)
                .bars(Map.of("MSFT", Map.of(LocalDate.of(2024, 7, 8), 400.0),
                        "AAPL", Map.of(LocalDate.of(2024, 7, 3), 170.0, LocalDate.of(2024, 7, 5), 170.25,
                                LocalDate.of(2024, 7, 8), 1.0))));
        String url = aggs(s, "AAPL", "2024-07-01", "2024-07-31") + "?adjusted=false";

        String first = get(url, "k").body();
        assertTrue(first.startsWith("{\"ticker\":\"AAPL\",\"queryCount\":2,\"resultsCount\":2,\"adjusted\":false,"
                + "\"results\":[{\"v\":170000.0,\"vw\":170.5,\"o\":169.0,\"c\":170.0,\"h\":172.0,\"l\":168.0,"
                + "\"t\":1719979200000,\"n\":1700},{\"v\":170250.0,\"vw\":170.75,\"o\":169.25,\"c\":170.25,"
                + "\"h\":172.25,\"l\":168.25,\"t\":1720152000000,\"n\":1700}],\"status\":\"OK\","), first);
        String next = JSON.readTree(first).get("next_url").asText();
        assertEquals(aggs(s, "AAPL", "2024-07-01", "2024-07-31")
                + "?cursor=2024-07-08&adjusted=false&sort=asc&limit=5000", next);
        JsonNode last = ok(next, "k");
        assertEquals(JSON.readTree("[{\"v\":1000.0,\"vw\":1.5,\"o\":0.0,\"c\":1.0,\"h\":3.0,\"l\":-1.0,"
                + "\"t\":1720411200000,\"n\":10}]"), last.get("results"));
        assertFalse(last.has("next_url"));
        assertTrue(first.contains(FixedBars.json(LocalDate.of(2024, 7, 3), 170)), first);

        JsonNode desc = ok(aggs(s, "AAPL", "2024-07-01", "2024-07-31") + "?sort=desc&limit=1", "k");
        assertEquals(1720411200000L, desc.get("results").get(0).get("t").asLong());
        assertTrue(desc.get("next_url").asText().contains("cursor=2024-07-05&"), desc.toString());
        assertEquals(400, get(url + "&cursor=bm9wZQ", "k").statusCode());

        JsonNode grouped = ok(s.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/2024-07-08", "k");
        assertEquals(List.of("AAPL", "MSFT"), grouped.get("results").findValuesAsText("T"));
        assertSameBar(FixedBars.bar("MSFT", LocalDate.of(2024, 7, 8), 400), grouped.get("results").get(1), true);
        assertEquals(0, ok(aggs(s, "NOPE", "2024-07-01", "2024-07-31"), "k").get("resultsCount").asInt());
        assertThrows(IllegalStateException.class, s::market);
    }

    @Test
    void nextUrlPointsAtThePublicBaseUrlWhenOneIsGiven() throws Exception {
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").pageSize(1)
                .publicBaseUrl("http://127.0.0.1:9/"));
        JsonNode page = ok(aggs(s, "AAPL", "2024-07-01", "2024-07-03"), "k");
        assertTrue(page.get("next_url").asText().startsWith(
                "http://127.0.0.1:9/v2/aggs/ticker/AAPL/range/1/day/2024-07-01/2024-07-03?cursor="), page.toString());
        for (String bad : List.of("ftp://127.0.0.1:9", "http://127.0.0.1:9/p", "http://127.0.0.1:9?x", "127.0.0.1:9")) {
            assertThrows(IllegalArgumentException.class, () -> SandboxServer.builder().publicBaseUrl(bad), bad);
        }
    }

    @Test
    void aFailingTickerAnswersItsStatusToEveryAggregatesRequestAndNowhereElse() throws Exception {
        SandboxServer s = start(SandboxServer.builder().clock(CLOCK).apiKey("k").failTicker("MSFT", 500));
        String msft = aggs(s, "MSFT", "2024-07-01", "2024-07-03");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = get(msft, "k");
            assertEquals(500, r.statusCode());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("ERROR", body.get("status").asText());
            assertTrue(body.get("error").asText().contains("MSFT") && body.has("request_id"), r.body());
        }
        assertEquals(401, get(msft, "wrong").statusCode());
        assertEquals(3, ok(aggs(s, "AAPL", "2024-07-01", "2024-07-03"), "k").get("resultsCount").asInt());
        JsonNode grouped = ok(s.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/2024-07-03", "k");
        assertTrue(grouped.get("results").findValuesAsText("T").contains("MSFT"));
        assertEquals(5, s.requestCount(SandboxServer.Endpoint.AGGREGATES));
    }

    @Test
    void theCommandLineFailsATickerWithPolygonsRefusalFor403() throws Exception {
        SandboxCommand cli = new SandboxCommand();
        new CommandLine(cli).parseArgs("--fail-ticker", "X:BTCUSD=403");
        SandboxServer s = start(cli.configure().clock(CLOCK).apiKey("k"));

        HttpResponse<String> r = get(aggs(s, "X:BTCUSD", "2024-07-01", "2024-07-03"), "k");
        assertEquals(403, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("NOT_AUTHORIZED", body.get("status").asText());
        assertTrue(body.get("message").asText().startsWith("You are not entitled to this data"), r.body());
        ok(aggs(s, "AAPL", "2024-07-01", "2024-07-03"), "k");
        for (String bad : List.of("MSFT", "MSFT=ok", "MSFT=200", "MSFT=600", "=500")) {
            SandboxCommand wrong = new SandboxCommand();
            new CommandLine(wrong).parseArgs("--fail-ticker", bad);
            assertThrows(IllegalArgumentException.class, wrong::configure, bad);
        }
    }

    @Test
    void eachEndpointCountsItsOwnRequestsWhateverTheirOutcome() throws Exception {
        SandboxServer s = start();
        String base = s.baseUrl();
        Map<SandboxServer.Endpoint, List<String>> calls = Map.of(
                SandboxServer.Endpoint.AGGREGATES, List.of(aggs(s, "AAPL", "2024-07-01", "2024-07-03"),
                        base + "/v2/aggs/ticker/AAPL/range/1/week/2024-07-01/2024-07-03"),
                SandboxServer.Endpoint.INTRADAY, List.of(base + "/v2/aggs/ticker/AAPL/range/1/hour/2024-07-01/2024-07-01"),
                SandboxServer.Endpoint.GROUPED, List.of(base + "/v2/aggs/grouped/locale/us/market/stocks/2024-07-01"),
                SandboxServer.Endpoint.SPLITS, List.of(base + "/stocks/v1/splits", base + "/stocks/v1/splits?limit=0",
                        base + "/stocks/v1/splits/"),
                SandboxServer.Endpoint.DIVIDENDS, List.of(base + "/stocks/v1/dividends?ticker=KO"),
                SandboxServer.Endpoint.TICKER_DETAILS, List.of(base + "/v3/reference/tickers/AAPL",
                        base + "/v3/reference/tickers/NOPE"));
        for (List<String> urls : calls.values()) for (String url : urls) get(url, "k");
        get(base + "/v3/reference/tickers", "k");
        get(base + "/stocks/v1/splits", "wrong");
        for (SandboxServer.Endpoint e : SandboxServer.Endpoint.values()) {
            int wrongKey = e == SandboxServer.Endpoint.SPLITS ? 1 : 0;
            assertEquals(calls.get(e).size() + wrongKey, s.requestCount(e), e.toString());
        }
        assertEquals(11, s.requestCount());
        s.resetCounts();
        assertEquals(0, s.requestCount(SandboxServer.Endpoint.TICKER_DETAILS));
    }

    @Test
    void errorsForUnsupportedRequests() throws Exception {
        SandboxServer s = start();
        HttpResponse<String> notFound = get(s.baseUrl() + "/v3/reference/tickers", "k");
        assertEquals(404, notFound.statusCode());
        assertEquals("NOT_FOUND", JSON.readTree(notFound.body()).get("status").asText());
        assertTrue(JSON.readTree(notFound.body()).has("message"));

        for (String bad : List.of(
                "/v2/aggs/ticker/AAPL/range/5/day/2024-07-01/2024-07-03",
                "/v2/aggs/ticker/AAPL/range/1/week/2024-07-01/2024-07-03",
                "/v2/aggs/ticker/AAPL/range/1/day/2024-07-01/soon",
                "/v2/aggs/ticker/AAPL/range/1/day/2024-07-01/2024-07-03?cursor=bm9wZQ",
                "/v2/aggs/ticker/AAPL/range/1/day/2024-07-01/2024-07-03?sort=up")) {
            HttpResponse<String> r = get(s.baseUrl() + bad, "k");
            assertEquals(400, r.statusCode(), bad);
            JsonNode body = JSON.readTree(r.body());
            assertEquals("ERROR", body.get("status").asText());
            assertTrue(body.has("error") && body.has("request_id"));
        }
    }
}
