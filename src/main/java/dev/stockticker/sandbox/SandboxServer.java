package dev.stockticker.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * A local stand-in for the Polygon.io REST API, serving the synthetic {@link Market} (or
 * {@link FixedBars} a test defines) on 127.0.0.1: daily, grouped and intraday aggregates
 * ({@link DailyAggregates}, {@link IntradayEndpoint}), splits, dividends and ticker details
 * ({@link SplitsEndpoint}, {@link DividendsEndpoint}, {@link TickerDetailsEndpoint}). {@link Api}
 * does what they share (auth, rate limit, counting); {@link Market} has the data rules.
 *
 * <pre>
 * try (SandboxServer s = SandboxServer.builder().clock(c).pageSize(3).build().start()) {
 *     get(s.baseUrl() + "/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-31?apiKey=" + s.apiKey());
 * }
 * </pre>
 */
public final class SandboxServer implements AutoCloseable {

    static {
        // The JDK server leaves Nagle on, so each small response on a kept-alive connection waits
        // ~40 ms for the client's delayed ACK. Read once when the JDK server first loads, hence here.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The request kinds counted by {@link #requestCount(Endpoint)}. */
    public enum Endpoint {
        /** {@code /v2/aggs/ticker/{t}/range/1/day/...}, and any other timespan than the intraday ones. */
        AGGREGATES,
        /** {@code /v2/aggs/ticker/{t}/range/{m}/second|minute|hour/...}. */
        INTRADAY,
        /** {@code /v2/aggs/grouped/locale/{l}/market/{m}/{date}}. */
        GROUPED,
        /** {@code /stocks/v1/splits}. */
        SPLITS,
        /** {@code /stocks/v1/dividends}. */
        DIVIDENDS,
        /** {@code /v3/reference/tickers/{ticker}}. */
        TICKER_DETAILS
    }

    private final Builder config;
    private final Market market; // null when serving fixed bars
    private final Api api;
    private final Links links;
    private HttpServer http;
    private ExecutorService executor;

    private SandboxServer(Builder b) {
        this.config = b;
        FixedBars fixed = b.fixed ? new FixedBars(b.closes, b.splits, b.dividends, b.names) : null;
        this.market = fixed == null ? new Market(b.clock, b.universe) : null;
        RateLimiter limiter = b.rateMax == 0 ? null : new RateLimiter(b.rateMax, b.rateWindow, System::nanoTime);
        this.links = new Links(b.plainCursors);
        this.api = new Api(b.apiKey, limiter, b.retryAfterHeader, b.failTicker, b.failStatus, b.verbose);
        BarSource bars = market == null ? fixed : market;
        ReferenceSource reference = market == null ? fixed : market;
        DailyAggregates daily = new DailyAggregates(bars, b.pageSize, links);
        SplitsEndpoint splits = new SplitsEndpoint(reference, links, b.pageSize);
        DividendsEndpoint dividends = new DividendsEndpoint(reference, links, b.pageSize);
        IntradayEndpoint intraday = new IntradayEndpoint(market, bars, b.pageSize, links);
        api.route("/v2/aggs/ticker/([^/]+)/range/([^/]+)/(second|minute|hour)/([^/]+)/([^/]+)/?", Endpoint.INTRADAY,
                        true, intraday::serve)
                .route("/v2/aggs/ticker/([^/]+)/range/([^/]+)/([^/]+)/([^/]+)/([^/]+)/?", Endpoint.AGGREGATES, true,
                        daily::perTicker)
                .route("/v2/aggs/grouped/locale/([^/]+)/market/([^/]+)/([^/]+)/?", Endpoint.GROUPED, false,
                        daily::grouped)
                .route("/stocks/v1/splits/?", Endpoint.SPLITS, false, splits::serve)
                .route("/stocks/v1/dividends/?", Endpoint.DIVIDENDS, false, dividends::serve)
                .route("/v3/reference/tickers/([^/]+)/?", Endpoint.TICKER_DETAILS, false,
                        new TickerDetailsEndpoint(reference)::serve);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this for chaining. */
    public synchronized SandboxServer start() {
        if (http != null) throw new IllegalStateException("already started");
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port, e);
        }
        // Daemon workers: an un-closed server in a test must not keep the JVM alive.
        executor = Executors.newFixedThreadPool(config.threads, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", api);
        links.baseUrl(config.publicBaseUrl != null ? config.publicBaseUrl : baseUrlOf(http.getAddress().getPort()));
        http.start();
        return this;
    }

    public int port() {
        if (http == null) throw new IllegalStateException("not started");
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return baseUrlOf(port());
    }

    public String apiKey() {
        return config.apiKey;
    }

    /** The data this server serves, for computing expected results in tests. */
    public Market market() {
        if (market == null) throw new IllegalStateException("this server serves fixed bars, not the market");
        return market;
    }

    /** Requests received on every endpoint, whatever their outcome (401 and 429 included). */
    public long requestCount() {
        return api.counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests received on one endpoint, whatever their outcome; unrouted paths count nowhere. */
    public long requestCount(Endpoint endpoint) {
        return api.counts.get(endpoint).get();
    }

    /** Requests answered with 429. */
    public long throttledCount() {
        return api.throttled.get();
    }

    public void resetCounts() {
        api.counts.values().forEach(c -> c.set(0));
        api.throttled.set(0);
    }

    @Override
    public synchronized void close() {
        if (http == null) return;
        http.stop(0);
        executor.shutdownNow();
        http = null;
    }

    private static String baseUrlOf(int port) {
        return "http://127.0.0.1:" + port;
    }

    public static final class Builder {
        private int port = 0;
        private String apiKey = "sandbox";
        private int pageSize = 50000;
        private int universe = 0;
        private Clock clock = Clock.systemUTC();
        private int rateMax = 0;
        private Duration rateWindow = Duration.ZERO;
        private boolean retryAfterHeader = true;
        private boolean verbose = false;
        private int threads = 8;
        private boolean fixed;
        private final Map<String, Map<LocalDate, Double>> closes = new HashMap<>();
        private final List<Split> splits = new ArrayList<>();
        private final List<Dividend> dividends = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private String publicBaseUrl;
        private boolean plainCursors = false;
        private String failTicker;
        private int failStatus;

        private Builder() {}

        /** 0 (default) picks a free ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            this.port = port;
            return this;
        }

        /** The only key accepted; default {@code sandbox}. */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isEmpty()) throw new IllegalArgumentException("api key must not be empty");
            this.apiKey = apiKey;
            return this;
        }

        /** Most bars per page whatever the client's limit; default 50000. */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) throw new IllegalArgumentException("page size must be >= 1");
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Serve these bars instead of the synthetic market: per ticker, a close per date, the rest of
         * each bar following from it ({@link FixedBars#bar}). For tests that must predict every number.
         */
        public Builder bars(Map<String, ? extends Map<LocalDate, Double>> closesByTicker) {
            closesByTicker.forEach((ticker, byDate) -> closes.computeIfAbsent(ticker, t -> new HashMap<>())
                    .putAll(byDate));
            this.fixed = true;
            return this;
        }

        /**
         * Serve this split too (with {@link #bars}, or alone): {@code splitFrom} shares became
         * {@code splitTo}, a forward or reverse split by the ratio. Listed whatever its date, and
         * it rescales the ticker's adjusted fixed bars before it ({@link FixedBars}).
         */
        public Builder split(String ticker, LocalDate executionDate, double splitFrom, double splitTo) {
            splits.add(Split.of(ticker, executionDate, splitFrom, splitTo));
            this.fixed = true;
            return this;
        }

        /** Serve this cash dividend too; its other dates and fields follow ({@link FixedBars#dividend}). */
        public Builder dividend(String ticker, LocalDate exDividendDate, double cashAmount) {
            dividends.add(FixedBars.dividend(ticker, exDividendDate, cashAmount));
            this.fixed = true;
            return this;
        }

        /** Give the ticker details under this name (tickers with bars, splits or dividends have them anyway). */
        public Builder details(String ticker, String name) {
            names.put(ticker, name);
            this.fixed = true;
            return this;
        }

        /**
         * Where next_url links point instead of this server, e.g. a proxy in front of it that must
         * see every page too.
         */
        public Builder publicBaseUrl(String url) {
            URI uri = URI.create(url);
            // next_url appends the request's own path, so a path here would not route back to us.
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().matches("/?"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null || !bare) {
                throw new IllegalArgumentException("public base URL must look like http://HOST[:PORT], got " + url);
            }
            this.publicBaseUrl = url.replaceFirst("/$", "");
            return this;
        }

        /**
         * Whether next_url's cursor is the next page's first date as it is, so a test can see where
         * each page starts; by default it is opaque, as Polygon's are.
         */
        public Builder plainCursors(boolean on) {
            this.plainCursors = on;
            return this;
        }

        /** Extra generated stocks S0001..; default 0. */
        public Builder universe(int generated) {
            if (generated < 0) throw new IllegalArgumentException("universe must be >= 0");
            this.universe = generated;
            return this;
        }

        /** Decides "today" and the state of today's partial bar; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock);
            return this;
        }

        /** At most {@code max} requests per sliding {@code window}; beyond that, 429. Off by default. */
        public Builder rateLimit(int max, Duration window) {
            if (max < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("rate limit needs max >= 1 and a positive window");
            }
            this.rateMax = max;
            this.rateWindow = window;
            return this;
        }

        /** Whether 429s carry {@code Retry-After} (real Polygon doesn't document one); default true. */
        public Builder retryAfterHeader(boolean on) {
            this.retryAfterHeader = on;
            return this;
        }

        /**
         * Every aggregates request for {@code ticker} answers {@code status} (400 to 599) with a
         * Polygon-shaped error body, however often it is retried: one ticker a client can never
         * read, among others it can. Off by default.
         */
        public Builder failTicker(String ticker, int status) {
            if (ticker == null || ticker.isEmpty()) throw new IllegalArgumentException("the ticker to fail is empty");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a failing ticker's status must be 400 to 599, got " + status);
            }
            this.failTicker = ticker;
            this.failStatus = status;
            return this;
        }

        /** Log each request to stderr. */
        public Builder verbose(boolean on) {
            this.verbose = on;
            return this;
        }

        /** Worker threads; default 8. */
        public Builder threads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
            this.threads = threads;
            return this;
        }

        public SandboxServer build() {
            return new SandboxServer(this);
        }
    }

    /** Runs a sandbox until killed; see {@link SandboxCommand} for the options. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxCommand()).execute(args));
    }
}
