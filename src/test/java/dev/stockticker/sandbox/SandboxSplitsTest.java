package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.JSON;
import static dev.stockticker.sandbox.Sandboxes.allPages;
import static dev.stockticker.sandbox.Sandboxes.badRequest;
import static dev.stockticker.sandbox.Sandboxes.fieldNames;
import static dev.stockticker.sandbox.Sandboxes.ok;
import static dev.stockticker.sandbox.Sandboxes.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxSplitsTest {
    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    /** Friday 2024-07-05: BRK.B's recent split is 3 trading days back, on Monday 07-01 (07-04 is a holiday). */
    private SandboxServer start() {
        return servers.start(SandboxServer.builder().clock(MarketTest.at("2024-07-05T14:30:00")).apiKey("k"));
    }

    private static String splits(SandboxServer s, String query) {
        return s.baseUrl() + "/stocks/v1/splits" + (query.isEmpty() ? "" : "?" + query);
    }

    private static List<String> keys(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.get("ticker").asText() + " " + r.get("execution_date").asText()));
        return out;
    }

    @Test
    void listsEveryExecutedSplitNewestFirstInPolygonsEnvelopeAndFields() throws Exception {
        SandboxServer s = start();
        JsonNode body = ok(splits(s, ""), "k");
        assertEquals(Set.of("request_id", "results", "status"), fieldNames(body));
        List<String> keys = keys(body.get("results"));
        assertEquals(24, keys.size(), keys.toString());
        assertEquals(List.of("BRK.B 2024-07-01", "NVDA 2024-06-10", "WMT 2024-02-26"), keys.subList(0, 3));
        assertFalse(keys.contains("NFLX 2025-11-17"), "nothing after today");

        JsonNode aapl2005 = find(body.get("results"), "AAPL", "2005-02-28");
        assertEquals(Set.of("id", "ticker", "execution_date", "split_from", "split_to", "adjustment_type",
                "historical_adjustment_factor"), fieldNames(aapl2005));
        assertEquals(JSON.readTree("{\"ticker\":\"AAPL\",\"execution_date\":\"2005-02-28\",\"split_from\":1,"
                + "\"split_to\":2,\"adjustment_type\":\"forward_split\",\"historical_adjustment_factor\":0.017857}"),
                without(aapl2005, "id"));
        assertTrue(aapl2005.get("id").asText().matches("E[0-9a-f]{64}"));
        assertEquals(0.008929, find(body.get("results"), "AAPL", "2000-06-21").get("historical_adjustment_factor")
                .doubleValue());

        JsonNode omit = find(body.get("results"), "OMIT", "2012-05-14");
        assertEquals("reverse_split", omit.get("adjustment_type").asText());
        assertEquals(10, omit.get("split_from").asInt());
        assertEquals(10.0, omit.get("historical_adjustment_factor").doubleValue());
        JsonNode googl = find(body.get("results"), "GOOGL", "2014-03-27");
        assertEquals("stock_dividend", googl.get("adjustment_type").asText());
        assertEquals(2.002, googl.get("split_to").doubleValue());
        // BRK.B's 50-for-1 of 2010 takes in the 3-for-1 of four days ago.
        assertEquals(0.006667, find(body.get("results"), "BRK.B", "2010-01-21")
                .get("historical_adjustment_factor").doubleValue());
        assertEquals(1, s.requestCount(SandboxServer.Endpoint.SPLITS));
    }

    @Test
    void anyOfFiltersAndNextUrlPagesThroughTheRestWithoutTheKey() throws Exception {
        SandboxServer s = start();
        List<String> nextUrls = new ArrayList<>();
        List<JsonNode> all = allPages(splits(s, "ticker.any_of=AAPL,NVDA&sort=execution_date.asc&limit=3"), "k",
                nextUrls);
        List<String> keys = new ArrayList<>();
        all.forEach(r -> keys.add(r.get("ticker").asText() + " " + r.get("execution_date").asText()));
        assertEquals(List.of("AAPL 2000-06-21", "NVDA 2000-06-27", "NVDA 2001-09-17", "AAPL 2005-02-28",
                "NVDA 2006-04-07", "NVDA 2007-09-11", "AAPL 2014-06-09", "AAPL 2020-08-31", "NVDA 2021-07-20",
                "NVDA 2024-06-10"), keys);
        assertEquals(3, nextUrls.size());
        for (String next : nextUrls) {
            assertTrue(next.startsWith(s.baseUrl() + "/stocks/v1/splits?cursor="), next);
            assertFalse(next.toLowerCase().contains("apikey") || next.contains("any_of"), next);
        }
        assertEquals(4, s.requestCount(SandboxServer.Endpoint.SPLITS));

        assertEquals(keys(ok(splits(s, "ticker=AAPL&sort=execution_date.asc"), "k").get("results")),
                keys.stream().filter(k -> k.startsWith("AAPL")).collect(Collectors.toList()));
        assertEquals(0, ok(splits(s, "ticker=aapl"), "k").get("results").size(), "tickers are case-sensitive");
    }

    @Test
    void executionDateRangesSortsAndTypeFilters() throws Exception {
        SandboxServer s = start();
        JsonNode range = ok(splits(s, "execution_date.gte=2020-08-31&execution_date.lt=2022-08-25"
                + "&sort=execution_date.asc,ticker.asc"), "k").get("results");
        assertEquals(List.of("AAPL 2020-08-31", "TSLA 2020-08-31", "NVDA 2021-07-20", "AMZN 2022-06-06",
                "GOOGL 2022-07-18"), keys(range));
        assertEquals(List.of("TSLA 2020-08-31"),
                keys(ok(splits(s, "execution_date=2020-08-31&ticker.gt=B"), "k").get("results")));
        assertEquals(List.of("AAPL 2000-06-21", "AAPL 2005-02-28"), keys(ok(splits(s,
                "ticker=AAPL&execution_date.lte=2005-02-28&sort=execution_date.asc"), "k").get("results")));

        List<String> byTicker = keys(ok(splits(s, "sort=ticker.asc&limit=5000"), "k").get("results"));
        assertEquals("AAPL 2000-06-21", byTicker.get(0), "ties in ticker order by date");
        assertEquals("WMT 2024-02-26", byTicker.get(byTicker.size() - 1));
        assertEquals(List.of("OMIT 2012-05-14"),
                keys(ok(splits(s, "adjustment_type=reverse_split"), "k").get("results")));
        assertEquals(2, ok(splits(s, "adjustment_type.any_of=reverse_split,stock_dividend"), "k")
                .get("results").size());
    }

    @Test
    void limitsSortsAndParametersAreValidated() throws Exception {
        SandboxServer s = start();
        assertEquals(24, ok(splits(s, "limit=5000"), "k").get("results").size());
        assertEquals(1, ok(splits(s, "limit=1"), "k").get("results").size());
        for (String bad : List.of("limit=5001", "limit=0", "limit=many", "sort=split_ratio.asc",
                "execution_date.gte=yesterday", "tickers=AAPL", "ticker.like=AA", "cursor=!!!", "cursor=bm9wZQ")) {
            badRequest(splits(s, bad), "k");
        }
    }

    @Test
    void idsAreStableAndUniqueAndSplitsAppearOnceExecuted() throws Exception {
        SandboxServer before = start();
        SandboxServer after = servers.start(SandboxServer.builder().clock(MarketTest.at("2025-11-17T09:00:00"))
                .apiKey("k"));
        JsonNode old = ok(splits(before, "limit=5000"), "k").get("results");
        JsonNode now = ok(splits(after, "limit=5000&sort=ticker.asc"), "k").get("results");
        Set<String> ids = new HashSet<>();
        now.forEach(r -> assertTrue(ids.add(r.get("id").asText()), r.toString()));
        assertTrue(keys(now).contains("NFLX 2025-11-17"), "executed on its day");
        assertTrue(keys(now).contains("BRK.B 2025-11-12"), "the recent split moves with the clock");
        for (JsonNode r : old) {
            if (r.get("ticker").asText().equals("BRK.B") && !r.get("execution_date").asText().equals("2010-01-21")) {
                continue;
            }
            assertEquals(r.get("id"), find(now, r.get("ticker").asText(), r.get("execution_date").asText()).get("id"));
        }
        // NFLX's 2015 factor takes in the 2025 split once it has executed.
        assertEquals(1 / 7.0, find(old, "NFLX", "2015-07-15").get("historical_adjustment_factor").doubleValue(),
                1e-6);
        assertEquals(1 / 70.0, find(now, "NFLX", "2015-07-15").get("historical_adjustment_factor").doubleValue(),
                1e-6);
    }

    @Test
    void theRecentSplitIsWithinTheLastTenDaysOfAnyClock() throws Exception {
        for (String at : List.of("2026-01-02T08:00:00", "2025-11-28T12:00:00", "2024-12-26T18:00:00")) {
            SandboxServer s = servers.start(SandboxServer.builder().clock(MarketTest.at(at)).apiKey("k"));
            JsonNode latest = ok(splits(s, "ticker=BRK.B&limit=1"), "k").get("results").get(0);
            LocalDate today = LocalDate.parse(at.substring(0, 10));
            LocalDate executed = LocalDate.parse(latest.get("execution_date").asText());
            assertTrue(executed.isBefore(today) && !executed.isBefore(today.minusDays(10)), at + ": " + executed);
            assertEquals(3, latest.get("split_to").asInt());
        }
    }

    static JsonNode find(JsonNode results, String ticker, String date) {
        for (JsonNode r : results) {
            if (r.get("ticker").asText().equals(ticker) && r.get("execution_date").asText().equals(date)) return r;
        }
        throw new AssertionError("no split of " + ticker + " on " + date + " in " + results);
    }
}
