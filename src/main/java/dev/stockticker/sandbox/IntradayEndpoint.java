package dev.stockticker.sandbox;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Second, minute and hour aggregates: {@code /v2/aggs/ticker/{t}/range/{1..60}/{second|minute|hour}/{from}/{to}}.
 * {@code from} and {@code to} are dates (whole days in the ticker's zone) or epoch milliseconds;
 * {@code limit} (default 5000, capped at 50,000) counts base bars: seconds for second bars,
 * minutes for minute and hour bars. next_url carries the next bar's start in milliseconds as
 * {@code from} ({@code to} when descending) and {@code adjusted}, {@code sort} and {@code limit}
 * in its cursor. Only the synthetic market has intraday bars; fixed bars answer none.
 */
final class IntradayEndpoint {
    private final Market market; // null when serving fixed bars
    private final BarSource bars;
    private final int pageSize;
    private final Links links;

    IntradayEndpoint(Market market, BarSource bars, int pageSize, Links links) {
        this.market = market;
        this.bars = bars;
        this.pageSize = pageSize;
        this.links = links;
    }

    void serve(Http.Call call) throws IOException, BadRequest {
        Matcher m = call.path();
        String ticker = m.group(1);
        int multiplier = multiplier(m.group(2));
        long unit = switch (m.group(3)) {
            case "second" -> 1000L;
            case "minute" -> 60_000L;
            default -> 3_600_000L;
        };
        Map<String, String> q = new HashMap<>(call.query());
        if (q.containsKey("cursor")) q.putAll(Params.parse(links.decode(q.get("cursor"))));
        boolean adjusted = Params.bool(q, "adjusted", true);
        String sort = Params.sort(q);
        int limit = Params.aggregatesLimit(q.get("limit"));
        Symbol symbol = market == null ? null : market.symbol(ticker);
        ZoneId zone = symbol == null ? Bar.NEW_YORK : symbol.zone();
        long from = instant(m.group(4), "from", zone, false);
        long to = instant(m.group(5), "to", zone, true);

        ZonedDateTime now = bars.now();
        IntradayBars page = symbol == null ? null : new IntradayBars(market, symbol);
        long next = page == null ? -1 : page.walk(multiplier * unit, unit == 1000 ? 1000 : 60_000, from, to,
                sort.equals("desc"), adjusted, Math.min(limit, pageSize), now);
        String nextUrl = null;
        if (next >= 0) {
            String cursor = Params.format(Map.of("adjusted", Boolean.toString(adjusted), "sort", sort,
                    "limit", Integer.toString(limit)));
            String window = sort.equals("desc") ? m.group(4) + "/" + next : next + "/" + m.group(5);
            nextUrl = links.baseUrl() + "/v2/aggs/ticker/" + ticker + "/range/" + m.group(2) + "/" + m.group(3) + "/"
                    + window + "?cursor=" + Params.encode(links.encode(cursor));
        }
        String nextLink = nextUrl;
        Http.send(call.exchange(), 200, g -> {
            int size = page == null ? 0 : page.size;
            g.writeStringField("ticker", ticker);
            g.writeNumberField("queryCount", page == null ? 0 : page.baseBars);
            g.writeNumberField("resultsCount", size);
            g.writeBooleanField("adjusted", adjusted);
            if (size > 0) {
                g.writeArrayFieldStart("results");
                for (int i = 0; i < size; i++) {
                    g.writeStartObject();
                    if (page.hasVolume()) g.writeNumberField("v", page.v[i]);
                    if (page.hasVwapAndCount()) g.writeNumberField("vw", page.vw[i]);
                    g.writeNumberField("o", page.o[i]);
                    g.writeNumberField("c", page.c[i]);
                    g.writeNumberField("h", page.h[i]);
                    g.writeNumberField("l", page.l[i]);
                    g.writeNumberField("t", page.t[i]);
                    if (page.hasVwapAndCount()) g.writeNumberField("n", page.n[i]);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("status", "OK");
            g.writeStringField("request_id", Http.requestId());
            if (nextLink != null) g.writeStringField("next_url", nextLink);
        });
    }

    private static int multiplier(String s) throws BadRequest {
        int n = Params.integer(s, "multiplier");
        if (n < 1 || n > 60) throw new BadRequest("The sandbox serves intraday multipliers 1 to 60, got " + n);
        return n;
    }

    /** Epoch milliseconds as given, or a date's first (or, for {@code to}, last) millisecond in the zone. */
    private static long instant(String s, String name, ZoneId zone, boolean endOfDay) throws BadRequest {
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadRequest(name + " is out of range: " + s);
            }
        }
        LocalDate date = Params.date(s, name);
        long start = (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant().toEpochMilli();
        return endOfDay ? start - 1 : start;
    }
}
