package dev.stockticker.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP surface every endpoint shares: routing, auth, rate limiting, the failing ticker and
 * counting. The endpoints themselves are {@link Http.Handler}s registered with {@link #route}.
 */
final class Api implements HttpHandler {
    private static final String RATE_LIMITED = "You've exceeded the maximum requests per minute, "
            + "please wait or upgrade your subscription to continue.";
    private static final String NOT_ENTITLED =
            "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing";

    private record Route(Pattern pattern, SandboxServer.Endpoint endpoint, boolean failable, Http.Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final String apiKey;
    private final RateLimiter limiter; // null = unlimited
    private final boolean retryAfterHeader;
    private final String failTicker; // null = none
    private final int failStatus;
    private final boolean verbose;
    final Map<SandboxServer.Endpoint, AtomicLong> counts = new EnumMap<>(SandboxServer.Endpoint.class);
    final AtomicLong throttled = new AtomicLong();

    Api(String apiKey, RateLimiter limiter, boolean retryAfterHeader, String failTicker, int failStatus,
        boolean verbose) {
        this.apiKey = apiKey;
        this.limiter = limiter;
        this.retryAfterHeader = retryAfterHeader;
        this.failTicker = failTicker;
        this.failStatus = failStatus;
        this.verbose = verbose;
        for (SandboxServer.Endpoint e : SandboxServer.Endpoint.values()) counts.put(e, new AtomicLong());
    }

    /**
     * Serves paths matching {@code pattern} (the first registered match wins). A failable route's
     * first group is a ticker, which {@link SandboxServer.Builder#failTicker} can fail.
     */
    Api route(String pattern, SandboxServer.Endpoint endpoint, boolean failable, Http.Handler handler) {
        routes.add(new Route(Pattern.compile(pattern), endpoint, failable, handler));
        return this;
    }

    @Override
    public void handle(HttpExchange ex) {
        long started = System.nanoTime();
        try {
            route(ex);
        } catch (BadRequest e) {
            Http.sendQuietly(ex, 400, Http.error("ERROR", "error", e.getMessage()));
        } catch (Exception e) {
            // Headers may already be out if streaming failed midway; then all we can do is log.
            if (ex.getResponseCode() == -1) {
                Http.sendQuietly(ex, 500, Http.error("ERROR", "error", "internal error: " + e));
            } else {
                System.err.println("sandbox: response aborted: " + e);
            }
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
        Route route = null;
        Matcher match = null;
        for (Route r : routes) {
            match = r.pattern().matcher(path);
            if (match.matches()) {
                route = r;
                break;
            }
        }
        if (route == null) {
            Http.send(ex, 404, Http.error("NOT_FOUND", "message", "Route not found: " + path));
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            Http.send(ex, 405, Http.error("ERROR", "error", "Method not allowed: " + ex.getRequestMethod()));
            return;
        }
        counts.get(route.endpoint()).incrementAndGet();
        Map<String, String> query = Params.parse(ex.getRequestURI().getRawQuery());
        if (!authorized(ex, query)) {
            Http.send(ex, 401, Http.error("ERROR", "error", "Unknown API Key"));
            return;
        }
        // After auth: Polygon meters per key, and a request without a valid key has none.
        long retryAfter = limiter == null ? 0 : limiter.tryAcquire();
        if (retryAfter > 0) {
            throttled.incrementAndGet();
            if (retryAfterHeader) ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            Http.send(ex, 429, Http.error("ERROR", "error", RATE_LIMITED));
            return;
        }
        // After the limiter: a failing request still spends a slot, as it does at Polygon.
        if (route.failable() && match.group(1).equals(failTicker)) {
            Http.send(ex, failStatus, failStatus == 403
                    ? Http.error("NOT_AUTHORIZED", "message", NOT_ENTITLED)
                    : Http.error("ERROR", "error", "The sandbox fails every request for " + failTicker));
            return;
        }
        route.handler().serve(new Http.Call(ex, match, query));
    }

    private boolean authorized(HttpExchange ex, Map<String, String> query) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        boolean headerOk = header != null && header.equals("Bearer " + apiKey);
        return headerOk || apiKey.equals(query.get("apiKey"));
    }
}
