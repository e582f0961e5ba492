package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.badRequest;
import static dev.stockticker.sandbox.Sandboxes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxIntradayTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    /** Friday 2024-07-05, 14:30:27 in New York. */
    private SandboxServer start() {
        return start("2024-07-05T14:30:27");
    }

    private SandboxServer start(String nyDateTime) {
        return servers.start(SandboxServer.builder().clock(MarketTest.at(nyDateTime)).apiKey("k"));
    }

    private static String range(SandboxServer s, String ticker, String bar, Object from, Object to) {
        return s.baseUrl() + "/v2/aggs/ticker/" + ticker + "/range/" + bar + "/" + from + "/" + to;
    }

    /** Every bar of the window, following next_url; each page's base bars checked against its limit. */
    private static List<JsonNode> all(String url, int limit, List<JsonNode> pages) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String next = url + (url.contains("?") ? "&" : "?") + "limit=" + limit;
        while (next != null) {
            JsonNode page = ok(next, "k");
            pages.add(page);
            if (page.has("results")) page.get("results").forEach(out::add);
            assertEquals(page.has("results") ? page.get("results").size() : 0, page.get("resultsCount").asInt());
            next = page.has("next_url") ? page.get("next_url").asText() : null;
        }
        return out;
    }

    private static List<JsonNode> all(String url) throws Exception {
        return all(url, 50000, new ArrayList<>());
    }

    private static LocalTime nyTime(JsonNode bar) {
        return Instant.ofEpochMilli(bar.get("t").asLong()).atZone(NEW_YORK).toLocalTime();
    }

    private static long millis(String nyDateTime) {
        return LocalDateTime.parse(nyDateTime).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    @Test
    void stockMinutesCoverExtendedHoursSparselyAndOnTheMinute() throws Exception {
        SandboxServer s = start();
        List<JsonNode> bars = all(range(s, "AAPL", "1/minute", "2024-07-02", "2024-07-02"));
        int regular = 0, extended = 0;
        for (JsonNode b : bars) {
            LocalTime t = nyTime(b);
            assertEquals(0, b.get("t").asLong() % 60_000, b.toString());
            assertTrue(!t.isBefore(LocalTime.of(4, 0)) && t.isBefore(LocalTime.of(20, 0)), t.toString());
            if (!t.isBefore(LocalTime.of(9, 30)) && t.isBefore(LocalTime.of(16, 0))) regular++;
            else extended++;
            assertTrue(b.get("h").doubleValue() >= Math.max(b.get("o").doubleValue(), b.get("c").doubleValue()));
            assertTrue(b.get("l").doubleValue() <= Math.min(b.get("o").doubleValue(), b.get("c").doubleValue()));
            assertTrue(b.get("v").doubleValue() >= 1 && b.get("n").asLong() >= 1);
        }
        assertTrue(regular > 0.9 * 390 && regular <= 390, "regular minutes: " + regular);
        assertTrue(extended > 100 && extended < 0.9 * 570, "extended minutes are sparse: " + extended);
        assertEquals(bars, all(range(s, "AAPL", "1/minute", "2024-07-02", "2024-07-02")), "deterministic");
        assertEquals(1, s.requestCount(SandboxServer.Endpoint.INTRADAY) / 2);
        assertEquals(0, s.requestCount(SandboxServer.Endpoint.AGGREGATES));
    }

    @Test
    void hourAndMultiMinuteBarsAggregateTheMinutesInThemFromTheSessionStart() throws Exception {
        SandboxServer s = start();
        List<JsonNode> minutes = all(range(s, "MSFT", "1/minute", "2024-07-02", "2024-07-02") + "?adjusted=false");
        for (String bar : List.of("1/hour", "7/minute", "2/hour")) {
            long length = bar.endsWith("hour") ? Integer.parseInt(bar.substring(0, 1)) * 3_600_000L
                    : Integer.parseInt(bar.substring(0, 1)) * 60_000L;
            long sessionStart = millis("2024-07-02T04:00:00");
            long baseBars = 0;
            for (JsonNode agg : all(range(s, "MSFT", bar, "2024-07-02", "2024-07-02") + "?adjusted=false")) {
                long start = agg.get("t").asLong();
                assertEquals(0, (start - sessionStart) % length, bar + " " + agg);
                List<JsonNode> in = minutes.stream()
                        .filter(m -> m.get("t").asLong() >= start && m.get("t").asLong() < start + length).toList();
                baseBars += in.size();
                assertEquals(in.get(0).get("o"), agg.get("o"), bar);
                assertEquals(in.get(in.size() - 1).get("c"), agg.get("c"), bar);
                assertEquals(in.stream().mapToDouble(m -> m.get("h").doubleValue()).max().orElseThrow(),
                        agg.get("h").doubleValue(), bar);
                assertEquals(in.stream().mapToDouble(m -> m.get("l").doubleValue()).min().orElseThrow(),
                        agg.get("l").doubleValue(), bar);
                assertEquals(in.stream().mapToDouble(m -> m.get("v").doubleValue()).sum(), agg.get("v").doubleValue(),
                        1e-6, bar);
                assertEquals(in.stream().mapToLong(m -> m.get("n").asLong()).sum(), agg.get("n").asLong(), bar);
            }
            assertEquals(minutes.size(), baseBars, bar + ": every minute in exactly one bar");
        }
    }

    @Test
    void anEarlyCloseDayEndsAfterHoursAt17() throws Exception {
        SandboxServer s = start();
        for (String day : List.of("2024-07-03", "2023-11-24", "2024-12-24")) {
            SandboxServer at = day.startsWith("2024-12") ? start("2024-12-30T12:00:00") : s;
            List<JsonNode> minutes = all(range(at, "AAPL", "1/minute", day, day));
            LocalTime last = nyTime(minutes.get(minutes.size() - 1));
            assertTrue(last.isBefore(LocalTime.of(17, 0)) && last.isAfter(LocalTime.of(16, 0)), day + " " + last);
            assertTrue(minutes.stream().anyMatch(b -> nyTime(b).isAfter(LocalTime.of(13, 0))), "after-hours " + day);
            List<JsonNode> hours = all(range(at, "AAPL", "1/hour", day, day));
            assertEquals(LocalTime.of(16, 0), nyTime(hours.get(hours.size() - 1)), day);
        }
        List<JsonNode> normal = all(range(s, "AAPL", "1/hour", "2024-07-02", "2024-07-02"));
        assertEquals(LocalTime.of(19, 0), nyTime(normal.get(normal.size() - 1)));
    }

    @Test
    void daylightSavingMovesTheSessionInUtcButNotInNewYork() throws Exception {
        SandboxServer s = start("2024-12-30T12:00:00");
        Map<String, String> firstHourUtc = Map.of("2024-03-08", "09:00", "2024-03-11", "08:00",
                "2024-11-01", "08:00", "2024-11-04", "09:00");
        firstHourUtc.forEach((day, utc) -> {
            try {
                List<JsonNode> hours = all(range(s, "AAPL", "1/hour", day, day));
                assertEquals(16, hours.size(), day);
                assertEquals(utc, Instant.ofEpochMilli(hours.get(0).get("t").asLong()).atZone(ZoneOffset.UTC)
                        .toLocalTime().toString(), day);
                assertEquals(LocalTime.of(4, 0), nyTime(hours.get(0)), day);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, all(range(s, "AAPL", "1/hour", "2024-03-10", "2024-03-10")).size(), "a Sunday");
        // Crypto's day is the UTC day, DST or not: 24 hour bars from 00:00Z.
        List<JsonNode> btc = all(range(s, "X:BTCUSD", "1/hour", "2024-03-10", "2024-03-10"));
        assertEquals(24, btc.size());
        assertEquals(LocalDate.of(2024, 3, 10).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                btc.get(0).get("t").asLong());
    }

    @Test
    void cryptoTradesThroughTheWeekendForexOnSundayStocksOnNeither() throws Exception {
        SandboxServer s = start();
        long saturday = LocalDate.of(2024, 6, 29).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<JsonNode> btc = all(range(s, "X:BTCUSD", "1/minute", "2024-06-29", "2024-06-29"));
        assertTrue(btc.size() > 1300 && btc.size() < 1440, "sparse but busy: " + btc.size());
        assertTrue(btc.get(0).get("t").asLong() >= saturday);
        assertTrue(btc.get(btc.size() - 1).get("t").asLong() < saturday + 86_400_000L);
        assertTrue(btc.get(0).get("v").doubleValue() != Math.rint(btc.get(0).get("v").doubleValue()),
                "crypto volumes are fractional");
        assertEquals(0, all(range(s, "C:EURUSD", "1/minute", "2024-06-29", "2024-06-29")).size());
        assertTrue(all(range(s, "C:EURUSD", "1/hour", "2024-06-30", "2024-06-30")).size() >= 23);
        assertEquals(0, all(range(s, "AAPL", "1/minute", "2024-06-29", "2024-06-30")).size());
    }

    @Test
    void pagesHoldAtMostLimitBaseBarsAndNextUrlStartsAtTheNextBarInMillis() throws Exception {
        SandboxServer s = start();
        for (String bar : List.of("1/minute", "1/hour", "30/second")) {
            String from = bar.endsWith("second") ? "2024-07-02" : "2024-07-01";
            String url = range(s, "NVDA", bar, from, "2024-07-03");
            List<JsonNode> whole = all(url);
            List<JsonNode> pages = new ArrayList<>();
            List<JsonNode> paged = all(url, 100, pages);
            assertEquals(whole, paged, bar);
            assertTrue(pages.size() > 3, bar);
            for (int i = 0; i < pages.size(); i++) {
                JsonNode page = pages.get(i);
                assertTrue(page.get("queryCount").asInt() <= 100, bar + " page " + i + ": " + page.get("queryCount"));
                if (!page.has("next_url")) continue;
                String next = page.get("next_url").asText();
                long nextStart = pages.get(i + 1).get("results").get(0).get("t").asLong();
                assertTrue(next.startsWith(s.baseUrl() + "/v2/aggs/ticker/NVDA/range/" + bar + "/" + nextStart
                        + "/2024-07-03?cursor="), next);
                assertFalse(next.toLowerCase().contains("apikey"), next);
                // Only a bar that would not fit ends a page early.
                assertTrue(page.get("queryCount").asInt() > 100 - 60, bar + " page " + i);
            }
        }
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> desc = all(range(s, "NVDA", "1/minute", "2024-07-02", "2024-07-03") + "?sort=desc", 500, pages);
        for (int i = 1; i < desc.size(); i++) {
            assertTrue(desc.get(i).get("t").asLong() < desc.get(i - 1).get("t").asLong());
        }
        assertTrue(pages.get(0).get("next_url").asText().contains("/range/1/minute/2024-07-02/"));
        assertEquals(all(range(s, "NVDA", "1/minute", "2024-07-02", "2024-07-03")).size(), desc.size());
    }

    @Test
    void fromAndToInMillisecondsBoundTheBarsTheyFallIn() throws Exception {
        SandboxServer s = start();
        List<JsonNode> day = all(range(s, "AAPL", "1/minute", "2024-07-02", "2024-07-02"));
        long from = millis("2024-07-02T10:00:30"), to = millis("2024-07-02T10:59:00");
        List<JsonNode> window = all(range(s, "AAPL", "1/minute", from, to));
        List<JsonNode> expected = day.stream()
                .filter(b -> b.get("t").asLong() + 60_000 > from && b.get("t").asLong() <= to).toList();
        assertEquals(expected, window);
        assertEquals(millis("2024-07-02T10:00:00"), window.get(0).get("t").asLong(), "the bar holding from counts");
        assertEquals(millis("2024-07-02T10:59:00"), window.get(window.size() - 1).get("t").asLong());
        JsonNode hour = all(range(s, "AAPL", "1/hour", from, from)).get(0);
        assertEquals(millis("2024-07-02T10:00:00"), hour.get("t").asLong());
    }

    @Test
    void todaysBarsEndAtTheClockAndTheNewestIsStillChanging() throws Exception {
        SandboxServer s = start();
        SandboxServer later = start("2024-07-05T14:30:45");
        List<JsonNode> now = all(range(s, "AAPL", "1/minute", "2024-07-05", "2024-07-05"));
        List<JsonNode> then = all(range(later, "AAPL", "1/minute", "2024-07-05", "2024-07-05"));
        assertEquals(LocalTime.of(14, 30), nyTime(now.get(now.size() - 1)));
        assertEquals(now.size(), then.size());
        assertEquals(now.subList(0, now.size() - 1), then.subList(0, then.size() - 1), "closed bars are final");
        assertNotEquals(now.get(now.size() - 1), then.get(then.size() - 1));
        assertTrue(then.get(then.size() - 1).get("v").doubleValue() > now.get(now.size() - 1).get("v").doubleValue());
        JsonNode second = all(range(s, "AAPL", "1/second", "2024-07-05", "2024-07-05") + "?sort=desc", 1,
                new ArrayList<>()).get(0);
        assertTrue(second.get("t").asLong() <= millis("2024-07-05T14:30:27"));
    }

    @Test
    void adjustedIntradayBarsFollowTheDailyRule() throws Exception {
        SandboxServer s = start();
        // NVDA split 10-for-1 on 2024-06-10.
        List<JsonNode> raw = all(range(s, "NVDA", "5/minute", "2024-06-07", "2024-06-07") + "?adjusted=false");
        List<JsonNode> adjusted = all(range(s, "NVDA", "5/minute", "2024-06-07", "2024-06-07"));
        assertEquals(raw.size(), adjusted.size());
        for (int i = 0; i < raw.size(); i++) {
            for (String f : List.of("o", "h", "l", "c", "vw")) {
                assertEquals(Math.round(raw.get(i).get(f).doubleValue() * 0.1 * 1e4) / 1e4,
                        adjusted.get(i).get(f).doubleValue(), 0, f + " " + raw.get(i));
            }
            assertEquals(raw.get(i).get("v").doubleValue() * 10, adjusted.get(i).get("v").doubleValue(), 0);
        }
        assertEquals(all(range(s, "NVDA", "5/minute", "2024-06-10", "2024-06-10") + "?adjusted=false"),
                all(range(s, "NVDA", "5/minute", "2024-06-10", "2024-06-10")), "from the execution date on");
        JsonNode index = all(range(s, "I:SPX", "1/minute", "2024-07-02", "2024-07-02")).get(0);
        assertEquals(List.of("o", "c", "h", "l", "t"), fieldNames(index));
        JsonNode omit = all(range(s, "OMIT", "1/hour", "2024-07-02", "2024-07-02")).get(0);
        assertEquals(List.of("v", "o", "c", "h", "l", "t"), fieldNames(omit));
    }

    @Test
    void unknownTickersFixedBarsAndBadRequests() throws Exception {
        SandboxServer s = start();
        JsonNode none = ok(range(s, "NOPE", "1/minute", "2024-07-02", "2024-07-02"), "k");
        assertEquals(0, none.get("resultsCount").asInt());
        assertFalse(none.has("results") || none.has("next_url"));
        SandboxServer fixed = servers.start(SandboxServer.builder().apiKey("k")
                .bars(Map.of("AAPL", Map.of(LocalDate.of(2024, 7, 2), 170.0))));
        assertEquals(0, ok(range(fixed, "AAPL", "1/minute", "2024-07-02", "2024-07-02"), "k").get("resultsCount").asInt());
        for (String bad : List.of("0/minute", "61/minute", "x/hour", "2/day", "1/week")) {
            badRequest(range(s, "AAPL", bad, "2024-07-02", "2024-07-02"), "k");
        }
        badRequest(range(s, "AAPL", "1/minute", "2024-07-02", "noon"), "k");
        badRequest(range(s, "AAPL", "1/minute", "2024-07-02", "2024-07-02") + "?cursor=!!!", "k");
        JsonNode minuteOfSeconds = ok(range(s, "AAPL", "60/second", "2024-07-02", "2024-07-02") + "?limit=5", "k");
        assertEquals(0, minuteOfSeconds.get("results").get(0).get("t").asLong() % 60_000);
        assertTrue(minuteOfSeconds.get("queryCount").asInt() <= 5 || minuteOfSeconds.get("resultsCount").asInt() == 1);
    }

    @Test
    void threeMonthsOfMinuteBarsComeQuickly() throws Exception {
        SandboxServer s = start();
        long started = System.nanoTime();
        List<JsonNode> bars = all(range(s, "MSFT", "1/minute", "2024-04-01", "2024-06-30"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(bars.size() > 40_000, "bars: " + bars.size());
        assertTrue(millis < 15_000, bars.size() + " bars took " + millis + " ms");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
