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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxDividendsTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 7, 5);

    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    private SandboxServer start() {
        return servers.start(SandboxServer.builder().clock(MarketTest.at("2024-07-05T14:30:00")).apiKey("k"));
    }

    private static String dividends(SandboxServer s, String query) {
        return s.baseUrl() + "/stocks/v1/dividends" + (query.isEmpty() ? "" : "?" + query);
    }

    private static JsonNode results(SandboxServer s, String query) throws Exception {
        return ok(dividends(s, query), "k").get("results");
    }

    private static LocalDate date(JsonNode r, String field) {
        return r.get(field).isNull() ? null : LocalDate.parse(r.get(field).asText());
    }

    @Test
    void envelopeFieldsAndTheDefaultOrder() throws Exception {
        SandboxServer s = start();
        JsonNode body = ok(dividends(s, ""), "k");
        assertEquals(Set.of("request_id", "results", "status", "next_url"), fieldNames(body));
        assertEquals(100, body.get("results").size());
        JsonNode first = body.get("results").get(0);
        assertEquals(Set.of("id", "ticker", "cash_amount", "currency", "declaration_date", "ex_dividend_date",
                "record_date", "pay_date", "frequency", "distribution_type", "historical_adjustment_factor",
                "split_adjusted_cash_amount"), fieldNames(first));
        assertEquals("AAPL", first.get("ticker").asText());
        assertEquals("2024-05-09", first.get("ex_dividend_date").asText(), "ticker.asc, newest first within it");
        assertTrue(first.get("id").asText().matches("E[0-9a-f]{64}"));

        JsonNode special = results(s, "distribution_type=special");
        assertEquals(1, special.size());
        JsonNode msft = special.get(0);
        assertEquals(JSON.readTree("{\"ticker\":\"MSFT\",\"cash_amount\":3.0,\"currency\":\"USD\","
                + "\"declaration_date\":\"2004-07-20\",\"ex_dividend_date\":\"2004-11-15\",\"record_date\":\"2004-11-17\","
                + "\"pay_date\":\"2004-12-02\",\"frequency\":0,\"distribution_type\":\"special\","
                + "\"split_adjusted_cash_amount\":3.0}"), without(msft, "id", "historical_adjustment_factor"));
        double factor = msft.get("historical_adjustment_factor").doubleValue();
        assertTrue(factor > 0.5 && factor < 1, "takes in every later MSFT dividend: " + factor);
        assertEquals(1, s.requestCount(SandboxServer.Endpoint.DIVIDENDS) - 1);
    }

    @Test
    void futureDatesNullDatesFrequenciesAndCurrencies() throws Exception {
        SandboxServer s = start();
        JsonNode all = results(s, "limit=5000");
        assertTrue(all.size() > 1000 && all.size() < 5000, "one page holds them all: " + all.size());
        int futureEx = 0, futurePay = 0, nullDeclaration = 0;
        Set<Integer> frequencies = new HashSet<>();
        for (JsonNode r : all) {
            LocalDate ex = date(r, "ex_dividend_date");
            if (ex.isAfter(TODAY)) {
                futureEx++;
                assertEquals(1.0, r.get("historical_adjustment_factor").doubleValue(), r.toString());
            }
            if (date(r, "pay_date").isAfter(TODAY)) futurePay++;
            if (r.get("declaration_date").isNull()) nullDeclaration++;
            else assertFalse(date(r, "declaration_date").isAfter(TODAY), "listed once declared: " + r);
            frequencies.add(r.get("frequency").asInt());
        }
        assertTrue(futureEx >= 4 && futurePay > futureEx, futureEx + " future ex-dates, " + futurePay + " pay dates");
        assertTrue(nullDeclaration > 100, "before 2004, and OMIT's");
        assertEquals(Set.of(0, 1, 4, 12), frequencies);
        JsonNode kim = results(s, "ticker=KIMpL&ex_dividend_date.gt=2024-07-05");
        assertEquals(4, kim.size(), "KIMpL declares a year ahead");
        for (JsonNode omit : results(s, "frequency=12")) {
            assertEquals("OMIT", omit.get("ticker").asText());
            assertTrue(omit.get("declaration_date").isNull() && omit.get("record_date").isNull());
        }
        assertEquals("HKD", results(s, "ticker=TCEHY&limit=1").get(0).get("currency").asText());
    }

    @Test
    void factorsFollowFromTheRawClosesAndTheSplits() throws Exception {
        SandboxServer s = start();
        JsonNode bars = ok(s.baseUrl() + "/v2/aggs/ticker/JNJ/range/1/day/2000-01-01/2024-07-05?adjusted=false"
                + "&limit=50000", "k").get("results");
        Map<Long, Double> closeBefore = new HashMap<>();
        long previousClose = -1;
        double previous = 0;
        for (JsonNode b : bars) {
            long day = java.time.Instant.ofEpochMilli(b.get("t").asLong()).atZone(java.time.ZoneId.of("America/New_York"))
                    .toLocalDate().toEpochDay();
            if (previousClose >= 0) {
                for (long d = previousClose + 1; d <= day; d++) closeBefore.put(d, previous);
            }
            previousClose = day;
            previous = b.get("c").doubleValue();
        }
        double cumulative = 1;
        int checked = 0;
        for (JsonNode r : results(s, "ticker=JNJ&limit=5000&sort=ex_dividend_date.desc")) {
            LocalDate ex = date(r, "ex_dividend_date");
            if (ex.isAfter(TODAY) || !closeBefore.containsKey(ex.toEpochDay())) continue;
            cumulative *= 1 - r.get("cash_amount").doubleValue() / closeBefore.get(ex.toEpochDay());
            assertEquals(Math.round(cumulative * 1e6) / 1e6, r.get("historical_adjustment_factor").doubleValue(), 0,
                    r.toString());
            checked++;
        }
        assertTrue(checked > 90, "checked " + checked);

        // AAPL's first dividend went ex before its 7-for-1 and 4-for-1 splits; NVDA's before 4:1 and 10:1.
        JsonNode aapl = results(s, "ticker=AAPL&ex_dividend_date=2012-08-09").get(0);
        assertEquals(Math.round(aapl.get("cash_amount").doubleValue() / 28 * 1e6) / 1e6,
                aapl.get("split_adjusted_cash_amount").doubleValue(), 0);
        JsonNode nvda = results(s, "ticker=NVDA&ex_dividend_date.lt=2013-01-01").get(0);
        assertEquals(Math.round(nvda.get("cash_amount").doubleValue() / 40 * 1e6) / 1e6,
                nvda.get("split_adjusted_cash_amount").doubleValue(), 0);
        JsonNode jnj = results(s, "ticker=JNJ&limit=1").get(0);
        assertEquals(jnj.get("cash_amount"), jnj.get("split_adjusted_cash_amount"), "no splits, nothing to adjust");
    }

    @Test
    void filtersSortsPagingAndValidation() throws Exception {
        SandboxServer s = start();
        JsonNode two = results(s, "ticker.any_of=MSFT,KO&ex_dividend_date.gte=2023-01-01&ex_dividend_date.lt=2024-01-01"
                + "&sort=ex_dividend_date.asc");
        List<String> keys = new ArrayList<>();
        two.forEach(r -> keys.add(r.get("ticker").asText()));
        assertEquals(8, keys.size(), two.toString());
        assertTrue(keys.containsAll(List.of("MSFT", "KO")));
        for (int i = 1; i < two.size(); i++) {
            assertFalse(date(two.get(i), "ex_dividend_date").isBefore(date(two.get(i - 1), "ex_dividend_date")));
        }
        List<String> nextUrls = new ArrayList<>();
        List<JsonNode> paged = allPages(dividends(s, "ticker=JNJ&limit=40"), "k", nextUrls);
        assertEquals(results(s, "ticker=JNJ&limit=5000"), JSON.valueToTree(paged));
        assertEquals(paged.size() / 40, nextUrls.size());
        nextUrls.forEach(u -> assertTrue(u.startsWith(s.baseUrl() + "/stocks/v1/dividends?cursor=")
                && !u.contains("apiKey"), u));
        JsonNode byPay = results(s, "sort=pay_date.desc&limit=3");
        assertFalse(date(byPay.get(0), "pay_date").isBefore(date(byPay.get(2), "pay_date")));
        for (String bad : List.of("limit=5001", "pay_date.gte=2024-01-01", "ex_dividend_date.gt=soon",
                "frequency=often", "sort=amount.asc")) {
            badRequest(dividends(s, bad), "k");
        }
    }
}
