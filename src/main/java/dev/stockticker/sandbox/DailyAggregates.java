package dev.stockticker.sandbox;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** The two daily endpoints: per-ticker {@code 1/day} aggregates and grouped daily bars. */
final class DailyAggregates {
    private final BarSource bars;
    private final int pageSize;
    private final Links links;

    DailyAggregates(BarSource bars, int pageSize, Links links) {
        this.bars = bars;
        this.pageSize = pageSize;
        this.links = links;
    }

    void perTicker(Http.Call call) throws IOException, BadRequest {
        Matcher m = call.path();
        Map<String, String> q = call.query();
        String ticker = m.group(1);
        if (!"1".equals(m.group(2)) || !"day".equals(m.group(3))) {
            throw new BadRequest("The sandbox serves multiplier 1 for timespan 'day', and second, minute or hour "
                    + "bars; got " + m.group(2) + "/" + m.group(3));
        }
        LocalDate from = Params.date(m.group(4), "from");
        LocalDate to = Params.date(m.group(5), "to");
        boolean adjusted = Params.bool(q, "adjusted", true);
        String sort = Params.sort(q);
        boolean desc = sort.equals("desc");
        int limit = Params.aggregatesLimit(q.get("limit"));
        LocalDate cursor = q.containsKey("cursor") ? decodeCursor(q.get("cursor")) : null;

        ZonedDateTime now = bars.now();
        int pageMax = Math.min(limit, pageSize);
        // The cursor is where the previous page stopped: it moves the walking edge of the window.
        LocalDate start = !desc && cursor != null ? cursor : from;
        LocalDate end = desc && cursor != null ? cursor : to;
        List<LocalDate> dates = bars.barDates(ticker, start, end, desc, pageMax + 1, now);
        String nextUrl = null;
        if (dates.size() > pageMax) {
            // Rebuilt from the request's own path and paging parameters; never echoes the API key.
            nextUrl = links.baseUrl() + call.rawPath() + "?cursor=" + encodeCursor(dates.get(pageMax))
                    + "&adjusted=" + adjusted + "&sort=" + sort + "&limit=" + limit;
            dates = dates.subList(0, pageMax);
        }
        List<LocalDate> page = dates;
        String next = nextUrl;
        Http.send(call.exchange(), 200, g -> {
            g.writeStringField("ticker", ticker);
            g.writeNumberField("queryCount", page.size());
            g.writeNumberField("resultsCount", page.size());
            g.writeBooleanField("adjusted", adjusted);
            if (!page.isEmpty()) {
                g.writeArrayFieldStart("results");
                for (LocalDate d : page) bars.bar(ticker, d, adjusted, now).writeTo(g, false);
                g.writeEndArray();
            }
            g.writeStringField("status", "OK");
            g.writeStringField("request_id", Http.requestId());
            if (next != null) g.writeStringField("next_url", next);
        });
    }

    void grouped(Http.Call call) throws IOException, BadRequest {
        Matcher m = call.path();
        if (!m.group(1).equals("us") || !m.group(2).equals("stocks")) {
            throw new BadRequest("The sandbox only serves locale 'us' and market 'stocks'");
        }
        LocalDate date = Params.date(m.group(3), "date");
        boolean adjusted = Params.bool(call.query(), "adjusted", true);
        boolean includeOtc = Params.bool(call.query(), "include_otc", false);
        ZonedDateTime now = bars.now();
        List<String> tickers = bars.groupedTickers(date, includeOtc, now);
        Http.send(call.exchange(), 200, g -> {
            g.writeNumberField("queryCount", tickers.size());
            g.writeNumberField("resultsCount", tickers.size());
            g.writeBooleanField("adjusted", adjusted);
            if (!tickers.isEmpty()) {
                g.writeArrayFieldStart("results");
                for (String t : tickers) bars.bar(t, date, adjusted, now).writeTo(g, true);
                g.writeEndArray();
            }
            g.writeStringField("status", "OK");
            g.writeStringField("request_id", Http.requestId());
        });
    }

    // A plain cursor is the next page's first date as it is; an opaque one hides it.
    private String encodeCursor(LocalDate next) {
        return links.plain() ? next.toString() : links.encode("next=" + next);
    }

    private LocalDate decodeCursor(String cursor) throws BadRequest {
        String s = links.decode(cursor);
        try {
            if (links.plain()) return LocalDate.parse(s);
            if (!s.startsWith("next=")) throw new BadRequest("Invalid cursor");
            return LocalDate.parse(s.substring(5));
        } catch (DateTimeParseException e) {
            throw new BadRequest("Invalid cursor");
        }
    }
}
