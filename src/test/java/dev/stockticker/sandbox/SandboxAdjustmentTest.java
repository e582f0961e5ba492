package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * adjusted=true bars against the rule, computed here from nothing but the splits endpoint's
 * answer and the adjusted=false bars: price x split_from/split_to and volume x split_to/split_from
 * over the splits executed after the bar's date (oldest first), rounded to 4 decimals.
 */
class SandboxAdjustmentTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    private SandboxServer start(String nyDateTime) {
        return servers.start(SandboxServer.builder().clock(MarketTest.at(nyDateTime)).apiKey("k"));
    }

    private static JsonNode daily(SandboxServer s, String ticker, String from, String to, boolean adjusted)
            throws Exception {
        return ok(s.baseUrl() + "/v2/aggs/ticker/" + ticker + "/range/1/day/" + from + "/" + to
                + "?limit=50000&adjusted=" + adjusted, "k").get("results");
    }

    /** [split_from, split_to, execution epoch day] of the ticker's listed splits, oldest first. */
    private static List<double[]> splits(SandboxServer s, String ticker) throws Exception {
        List<double[]> out = new ArrayList<>();
        for (JsonNode r : ok(s.baseUrl() + "/stocks/v1/splits?sort=execution_date.asc&ticker=" + ticker, "k")
                .get("results")) {
            out.add(new double[] {r.get("split_from").doubleValue(), r.get("split_to").doubleValue(),
                    LocalDate.parse(r.get("execution_date").asText()).toEpochDay()});
        }
        return out;
    }

    private static double round4(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    private static void assertAdjustedFollowsTheSplits(SandboxServer s, String ticker, String from, String to)
            throws Exception {
        List<double[]> splits = splits(s, ticker);
        JsonNode raw = daily(s, ticker, from, to, false), adjusted = daily(s, ticker, from, to, true);
        assertEquals(raw.size(), adjusted.size());
        assertTrue(raw.size() > 100, ticker);
        int scaled = 0;
        for (int i = 0; i < raw.size(); i++) {
            JsonNode r = raw.get(i), a = adjusted.get(i);
            long day = Instant.ofEpochMilli(r.get("t").asLong()).atZone(NEW_YORK).toLocalDate().toEpochDay();
            double price = 1, volume = 1;
            for (double[] split : splits) {
                if (split[2] > day) {
                    price *= split[0] / split[1];
                    volume *= split[1] / split[0];
                }
            }
            String where = ticker + " " + LocalDate.ofEpochDay(day) + ": raw " + r + ", adjusted " + a;
            for (String f : List.of("o", "h", "l", "c", "vw")) {
                if (!r.has(f)) continue; // OMIT has no vw
                double expected = price == 1 ? r.get(f).doubleValue() : round4(r.get(f).doubleValue() * price);
                assertEquals(expected, a.get(f).doubleValue(), 0, f + " of " + where);
            }
            double v = r.get("v").doubleValue();
            assertEquals(volume == 1 ? v : round4(v * volume), a.get("v").doubleValue(), 0, "v of " + where);
            assertEquals(r.get("n"), a.get("n"), where);
            assertEquals(r.get("t"), a.get("t"), where);
            if (price != 1) scaled++;
        }
        assertTrue(scaled > 0, ticker + " has splits in the window");
    }

    @Test
    void adjustedBarsAreTheRawOnesScaledByTheListedSplitsBarForBar() throws Exception {
        SandboxServer s = start("2024-07-05T14:30:00");
        assertAdjustedFollowsTheSplits(s, "AAPL", "2000-01-01", "2024-07-05");   // four forward splits
        assertAdjustedFollowsTheSplits(s, "NVDA", "2007-01-01", "2024-07-05");   // a 3-for-2 among them
        assertAdjustedFollowsTheSplits(s, "GOOGL", "2013-06-01", "2022-12-31");  // a 2.002 stock dividend
        assertAdjustedFollowsTheSplits(s, "OMIT", "2011-06-01", "2013-06-01");   // a 1-for-10 reverse split
        assertAdjustedFollowsTheSplits(s, "BRK.B", "2024-01-01", "2024-07-05");  // the recent one, 07-01
    }

    @Test
    void aTickerWithoutSplitsHasAdjustedEqualToRaw() throws Exception {
        SandboxServer s = start("2024-07-05T14:30:00");
        for (String ticker : List.of("JPM", "X:BTCUSD", "I:SPX")) {
            assertEquals(daily(s, ticker, "2023-01-01", "2024-07-05", false),
                    daily(s, ticker, "2023-01-01", "2024-07-05", true), ticker);
        }
    }

    @Test
    void aSplitExecutingRescalesEveryEarlierAdjustedBarAndNoLaterOne() throws Exception {
        // AAPL splits 4-for-1 on Monday 2020-08-31.
        SandboxServer before = start("2020-08-29T12:00:00");
        SandboxServer after = start("2020-08-31T09:00:00");
        JsonNode old = daily(before, "AAPL", "2020-08-03", "2020-08-28", true);
        JsonNode now = daily(after, "AAPL", "2020-08-03", "2020-08-28", true);
        JsonNode raw = daily(after, "AAPL", "2020-08-03", "2020-08-28", false);
        assertEquals(old.size(), now.size());
        for (int i = 0; i < old.size(); i++) {
            assertEquals(raw.get(i), old.get(i), "nothing to undo before the split executes");
            assertEquals(round4(raw.get(i).get("c").doubleValue() / 4), now.get(i).get("c").doubleValue(), 0);
            assertEquals(raw.get(i).get("v").doubleValue() * 4, now.get(i).get("v").doubleValue(), 0);
            assertNotEquals(old.get(i).get("o"), now.get(i).get("o"));
        }
        assertEquals(daily(before, "AAPL", "2015-01-01", "2020-08-27", false),
                daily(after, "AAPL", "2015-01-01", "2020-08-27", false), "raw prices are history");
        assertAdjustedFollowsTheSplits(after, "AAPL", "2020-01-01", "2020-08-31");

        // The grouped endpoint follows the same rule.
        String grouped = "/v2/aggs/grouped/locale/us/market/stocks/2020-08-27";
        for (JsonNode r : ok(after.baseUrl() + grouped, "k").get("results")) {
            if (r.get("T").asText().equals("AAPL")) {
                assertEquals(now.get(now.size() - 2).get("c"), r.get("c"));
                assertEquals(now.get(now.size() - 2).get("v"), r.get("v"));
            }
        }
    }
}
