package dev.stockticker.sandbox;

import static dev.stockticker.sandbox.Sandboxes.JSON;
import static dev.stockticker.sandbox.Sandboxes.badRequest;
import static dev.stockticker.sandbox.Sandboxes.fieldNames;
import static dev.stockticker.sandbox.Sandboxes.get;
import static dev.stockticker.sandbox.Sandboxes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxTickerDetailsTest {
    @RegisterExtension
    final Sandboxes servers = new Sandboxes();

    private SandboxServer start() {
        return servers.start(SandboxServer.builder().clock(MarketTest.at("2024-07-05T14:30:00")).apiKey("k")
                .universe(2));
    }

    private static String details(SandboxServer s, String ticker) {
        return s.baseUrl() + "/v3/reference/tickers/" + ticker;
    }

    @Test
    void aStockHasEveryFieldTheConnectorReadsAndSomeItIgnores() throws Exception {
        SandboxServer s = start();
        JsonNode body = ok(details(s, "AAPL"), "k");
        assertEquals(Set.of("request_id", "results", "status"), fieldNames(body));
        JsonNode r = body.get("results");
        assertEquals(Set.of("ticker", "name", "market", "locale", "type", "active", "currency_name",
                "primary_exchange", "cik", "composite_figi", "share_class_figi", "list_date", "sic_code",
                "sic_description", "market_cap", "share_class_shares_outstanding", "weighted_shares_outstanding",
                "total_employees", "homepage_url", "description", "address", "branding"), fieldNames(r));
        assertEquals(JSON.readTree("{\"ticker\":\"AAPL\",\"name\":\"Apple Inc.\",\"market\":\"stocks\",\"locale\":\"us\","
                + "\"type\":\"CS\",\"active\":true,\"currency_name\":\"usd\",\"primary_exchange\":\"XNAS\","
                + "\"cik\":\"0000320193\",\"list_date\":\"1980-12-12\",\"sic_code\":\"3571\","
                + "\"sic_description\":\"ELECTRONIC COMPUTERS\",\"share_class_shares_outstanding\":15200000000,"
                + "\"weighted_shares_outstanding\":15200000000,\"total_employees\":164000,"
                + "\"homepage_url\":\"https://www.apple.com\"}"),
                Sandboxes.without(r, "composite_figi", "share_class_figi", "market_cap", "description", "address",
                        "branding"));
        assertTrue(r.get("composite_figi").asText().matches("BBG[0-9A-Z]{9}"), r.toString());
        assertEquals(Set.of("address1", "city", "state", "postal_code"), fieldNames(r.get("address")));
        // The latest whole day's close (07-04 is a holiday) times the weighted shares.
        double close = s.market().bar("AAPL", LocalDate.of(2024, 7, 3), false).orElseThrow().c();
        assertEquals(Math.round(close * 15_200_000_000.0 * 100) / 100.0, r.get("market_cap").doubleValue(), 0);
        assertEquals(1, s.requestCount(SandboxServer.Endpoint.TICKER_DETAILS));
    }

    @Test
    void unknownTickersAnswerPolygons404AndTickersAreCaseSensitive() throws Exception {
        SandboxServer s = start();
        for (String unknown : List.of("NOPE", "aapl", "KIMPL", "S0003", "X:btcusd")) {
            HttpResponse<String> r = get(details(s, unknown), "k");
            assertEquals(404, r.statusCode(), unknown);
            JsonNode body = JSON.readTree(r.body());
            assertEquals(Set.of("status", "request_id", "message"), fieldNames(body));
            assertEquals("NOT_FOUND", body.get("status").asText());
            assertEquals("Ticker not found.", body.get("message").asText());
        }
        assertEquals("PFD", ok(details(s, "KIMpL"), "k").get("results").get("type").asText());
        assertEquals(401, get(details(s, "AAPL"), "wrong").statusCode());
    }

    @Test
    void otherMarketsGeneratedAndDelistedTickers() throws Exception {
        SandboxServer s = start();
        JsonNode btc = ok(details(s, "X:BTCUSD"), "k").get("results");
        assertEquals("crypto", btc.get("market").asText());
        assertEquals("global", btc.get("locale").asText());
        assertFalse(btc.has("cik") || btc.has("market_cap") || btc.has("delisted_utc"), btc.toString());
        assertEquals("fx", ok(details(s, "C%3AEURUSD"), "k").get("results").get("market").asText());
        assertEquals("indices", ok(details(s, "I:SPX"), "k").get("results").get("market").asText());
        assertEquals("otc", ok(details(s, "TCEHY"), "k").get("results").get("market").asText());

        JsonNode generated = ok(details(s, "S0002"), "k").get("results");
        assertTrue(generated.get("cik").asText().matches("\\d{10}"), generated.toString());
        assertTrue(generated.get("market_cap").doubleValue() > 0);

        JsonNode omit = ok(details(s, "OMIT"), "k").get("results");
        assertFalse(omit.has("cik") || omit.has("sic_code") || omit.has("address") || omit.has("total_employees"));

        JsonNode twtr = ok(details(s, "TWTR"), "k").get("results");
        assertFalse(twtr.get("active").asBoolean());
        assertEquals("2022-10-28T04:00:00Z", twtr.get("delisted_utc").asText());
        double lastClose = s.market().bar("TWTR", LocalDate.of(2022, 10, 27), false).orElseThrow().c();
        assertEquals(Math.round(lastClose * 765_000_000.0 * 100) / 100.0, twtr.get("market_cap").doubleValue(), 0);
        assertTrue(s.market().bar("TWTR", LocalDate.of(2022, 10, 28), false).isEmpty(), "no bars after delisting");
    }

    @Test
    void aDateAsksForThatDay() throws Exception {
        SandboxServer s = start();
        assertEquals(404, get(details(s, "AAPL") + "?date=1980-01-02", "k").statusCode(), "before its listing");
        JsonNode then = ok(details(s, "AAPL") + "?date=2010-06-15", "k").get("results");
        // Before the 7:1 and 4:1 splits there were 28 times fewer shares, at a 28 times higher raw price.
        assertEquals(Math.round(15_200_000_000.0 / 28), then.get("weighted_shares_outstanding").asLong());
        double close = s.market().bar("AAPL", LocalDate.of(2010, 6, 15), false).orElseThrow().c();
        assertEquals(Math.round(close * Math.round(15_200_000_000.0 / 28) * 100) / 100.0,
                then.get("market_cap").doubleValue(), 0);
        badRequest(details(s, "AAPL") + "?date=yesterday", "k");
    }
}
