package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP surface: routing, auth, rate limiting and the two Polygon aggregate endpoints. */
final class Api implements HttpHandler {
    private static final Pattern AGGS =
            Pattern.compile("/v2/aggs/ticker/([^/]+)/range/([^/]+)/([^/]+)/([^/]+)/([^/]+)/?");
    private static final Pattern GROUPED =
            Pattern.compile("/v2/aggs/grouped/locale/([^/]+)/market/([^/]+)/([^/]+)/?");
    private static final int DEFAULT_LIMIT = 5000;
    private static final int MAX_LIMIT = 50000;
    private static final String RATE_LIMITED = "You've exceeded the maximum requests per minute, "
            + "please wait or upgrade your subscription to continue.";
    private static final String NOT_ENTITLED =
            "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing";

    private final JsonFactory json = new JsonFactory();
    private final BarSource bars;
    private final String apiKey;
    private final int pageSize;
    private final boolean plainCursors;
    private final RateLimiter limiter; // null = unlimited
    private final boolean retryAfterHeader;
    private final String failTicker; // null = none
    private final int failStatus;
    private final boolean verbose;
    private String baseUrl;
    final Map<SandboxServer.Endpoint, AtomicLong> counts = new EnumMap<>(SandboxServer.Endpoint.class);
    final AtomicLong throttled = new AtomicLong();

    Api(BarSource bars, String apiKey, int pageSize, boolean plainCursors, RateLimiter limiter,
        boolean retryAfterHeader, String failTicker, int failStatus, boolean verbose) {
        this.bars = bars;
        this.apiKey = apiKey;
        this.pageSize = pageSize;
        this.plainCursors = plainCursors;
        this.limiter = limiter;
        this.retryAfterHeader = retryAfterHeader;
        this.failTicker = failTicker;
        this.failStatus = failStatus;
        this.verbose = verbose;
        for (SandboxServer.Endpoint e : SandboxServer.Endpoint.values()) counts.put(e, new AtomicLong());
    }

    /** Known only once the socket is bound (or a proxy's); next_url links point here. */
    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client mistake in the request; becomes a 400. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    @Override
    public void handle(HttpExchange ex) {
        long started = System.nanoTime();
        try {
            route(ex);
        } catch (BadRequest e) {
            sendQuietly(ex, 400, error("ERROR", "error", e.getMessage()));
        } catch (Exception e) {
            // Headers may already be out if streaming failed midway; then all we can do is log.
            if (ex.getResponseCode() == -1) sendQuietly(ex, 500, error("ERROR", "error", "internal error: " + e));
            else System.err.println("sandbox: response aborted: " + e);
        } finally {
            ex.close();
            if (verbose) {
                String uri = ex.getRequestURI().toString().replaceAll("(?i)(apiKey=)[^&]*", "$1***");
                System.err.printf("sandbox: %s %s -> %d (%d ms)%n", ex.getRequestMethod(), uri,
                        ex.getResponseCode(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private void route(HttpExchange ex) throws IOException, BadRequest {
        String path = ex.getRequestURI().getPath();
        Matcher aggs = AGGS.matcher(path);
        Matcher grouped = GROUPED.matcher(path);
        SandboxServer.Endpoint endpoint = aggs.matches() ? SandboxServer.Endpoint.AGGREGATES
                : grouped.matches() ? SandboxServer.Endpoint.GROUPED : null;
        if (endpoint == null) {
            send(ex, 404, error("NOT_FOUND", "message", "Route not found: " + path));
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, error("ERROR", "error", "Method not allowed: " + ex.getRequestMethod()));
            return;
        }
        counts.get(endpoint).incrementAndGet();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (!authorized(ex, query)) {
            send(ex, 401, error("ERROR", "error", "Unknown API Key"));
            return;
        }
        // After auth: Polygon meters per key, and a request without a valid key has none.
        long retryAfter = limiter == null ? 0 : limiter.tryAcquire();
        if (retryAfter > 0) {
            throttled.incrementAndGet();
            if (retryAfterHeader) ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            send(ex, 429, error("ERROR", "error", RATE_LIMITED));
            return;
        }
        // After the limiter: a failing request still spends a slot, as it does at Polygon.
        if (endpoint == SandboxServer.Endpoint.AGGREGATES && aggs.group(1).equals(failTicker)) {
            send(ex, failStatus, failStatus == 403
                    ? error("NOT_AUTHORIZED", "message", NOT_ENTITLED)
                    : error("ERROR", "error", "The sandbox fails every request for " + failTicker));
            return;
        }
        if (endpoint == SandboxServer.Endpoint.AGGREGATES) aggregates(ex, aggs, query);
        else groupedDaily(ex, grouped, query);
    }

    private boolean authorized(HttpExchange ex, Map<String, String> query) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        boolean headerOk = header != null && header.equals("Bearer " + apiKey);
        return headerOk || apiKey.equals(query.get("apiKey"));
    }

    private void aggregates(HttpExchange ex, Matcher m, Map<String, String> q) throws IOException, BadRequest {
        String ticker = m.group(1);
        if (!"1".equals(m.group(2)) || !"day".equals(m.group(3))) {
            throw new BadRequest("The sandbox only serves multiplier 1 and timespan 'day', got "
                    + m.group(2) + "/" + m.group(3));
        }
        LocalDate from = date(m.group(4), "from");
        LocalDate to = date(m.group(5), "to");
        boolean adjusted = bool(q, "adjusted", true);
        String sort = q.getOrDefault("sort", "asc");
        if (!sort.equals("asc") && !sort.equals("desc")) throw new BadRequest("sort must be asc or desc");
        boolean desc = sort.equals("desc");
        int limit = limit(q.get("limit"));
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
            nextUrl = baseUrl + ex.getRequestURI().getRawPath() + "?cursor=" + encodeCursor(dates.get(pageMax))
                    + "&adjusted=" + adjusted + "&sort=" + sort + "&limit=" + limit;
            dates = dates.subList(0, pageMax);
        }
        List<LocalDate> page = dates;
        String next = nextUrl;
        send(ex, 200, g -> {
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
            g.writeStringField("request_id", requestId());
            if (next != null) g.writeStringField("next_url", next);
        });
    }

    private void groupedDaily(HttpExchange ex, Matcher m, Map<String, String> q) throws IOException, BadRequest {
        if (!m.group(1).equals("us") || !m.group(2).equals("stocks")) {
            throw new BadRequest("The sandbox only serves locale 'us' and market 'stocks'");
        }
        LocalDate date = date(m.group(3), "date");
        boolean adjusted = bool(q, "adjusted", true);
        boolean includeOtc = bool(q, "include_otc", false);
        ZonedDateTime now = bars.now();
        List<String> tickers = bars.groupedTickers(date, includeOtc, now);
        send(ex, 200, g -> {
            g.writeNumberField("queryCount", tickers.size());
            g.writeNumberField("resultsCount", tickers.size());
            g.writeBooleanField("adjusted", adjusted);
            if (!tickers.isEmpty()) {
                g.writeArrayFieldStart("results");
                for (String t : tickers) bars.bar(t, date, adjusted, now).writeTo(g, true);
                g.writeEndArray();
            }
            g.writeStringField("status", "OK");
            g.writeStringField("request_id", requestId());
        });
    }

    // ---- responses ----

    private static Body error(String status, String messageField, String message) {
        return g -> {
            g.writeStringField("status", status);
            g.writeStringField("request_id", requestId());
            g.writeStringField(messageField, message);
        };
    }

    /** Streams the object straight to the socket (chunked), so 50k-bar pages need no buffer. */
    private void send(HttpExchange ex, int status, Body body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, 0);
        try (JsonGenerator g = json.createGenerator(new BufferedOutputStream(ex.getResponseBody(), 1 << 16))) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
    }

    private void sendQuietly(HttpExchange ex, int status, Body body) {
        try {
            send(ex, status, body);
        } catch (IOException ignored) {
            // The client went away; nothing left to tell it.
        }
    }

    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    // ---- parameters ----

    private static Map<String, String> query(String raw) throws BadRequest {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("Malformed query string");
            }
        }
        return out;
    }

    private static LocalDate date(String s, String name) throws BadRequest {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRequest("Could not parse '" + name + "' as a YYYY-MM-DD date: " + s);
        }
    }

    private static boolean bool(Map<String, String> q, String name, boolean dflt) throws BadRequest {
        String v = q.get(name);
        if (v == null) return dflt;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new BadRequest(name + " must be true or false");
    }

    private static int limit(String v) throws BadRequest {
        if (v == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new BadRequest("limit must be at least 1");
            return Math.min(n, MAX_LIMIT); // Polygon silently caps rather than rejecting
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be an integer");
        }
    }

    // The cursor is opaque to clients unless asked for plain; base64url keeps them from relying on its shape.
    private String encodeCursor(LocalDate next) {
        if (plainCursors) return next.toString();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("next=" + next).getBytes(StandardCharsets.UTF_8));
    }

    private LocalDate decodeCursor(String cursor) throws BadRequest {
        try {
            if (plainCursors) return LocalDate.parse(cursor);
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("next=")) throw new IllegalArgumentException();
            return LocalDate.parse(s.substring(5));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequest("Invalid cursor");
        }
    }
}
