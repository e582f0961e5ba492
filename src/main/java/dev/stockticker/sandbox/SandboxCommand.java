package dev.stockticker.sandbox;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The sandbox's command line ({@link SandboxServer#main}): each option sets one builder option. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Local fake of the Polygon.io REST API (aggregates, splits, dividends, ticker details) on 127.0.0.1.")
final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port; 0 = ephemeral (default).")
    int port = 0;

    @Option(names = "--api-key", description = "Accepted API key (default: ${DEFAULT-VALUE}).")
    String apiKey = "sandbox";

    @Option(names = "--page-size", description = "Max bars per page (default: ${DEFAULT-VALUE}).")
    int pageSize = 50000;

    @Option(names = "--universe", description = "Number of generated tickers S0001.. (default: ${DEFAULT-VALUE}).")
    int universe = 0;

    @Option(names = "--rate-limit", paramLabel = "N/MS",
            description = "At most N requests per MS milliseconds, e.g. 5/60000. Off by default.")
    String rateLimit;

    @Option(names = "--no-retry-after", description = "Omit the Retry-After header on 429.")
    boolean noRetryAfter;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD",
            description = "Pretend New York's date is this; time of day still runs.")
    LocalDate today;

    @Option(names = "--fail-ticker", paramLabel = "TICKER=STATUS",
            description = "Answer every aggregates request for TICKER with HTTP STATUS, e.g. MSFT=500.")
    String failTicker;

    @Option(names = "--threads", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads = 8;

    @Option(names = "--verbose", description = "Log each request to stderr.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SandboxServer server;
        try {
            server = configure().build().start();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (UncheckedIOException e) {
            System.err.println("sandbox: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("sandbox listening on " + server.baseUrl());
        System.out.flush();
        new CountDownLatch(1).await(); // serve until killed
        return 0;
    }

    SandboxServer.Builder configure() {
        SandboxServer.Builder b = SandboxServer.builder().port(port).apiKey(apiKey).pageSize(pageSize).universe(universe)
                .retryAfterHeader(!noRetryAfter).verbose(verbose).threads(threads);
        if (rateLimit != null) {
            String[] parts = rateLimit.split("/");
            try {
                if (parts.length != 2) throw new NumberFormatException();
                b.rateLimit(Integer.parseInt(parts[0].trim()), Duration.ofMillis(Long.parseLong(parts[1].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate-limit must look like N/MS, e.g. 5/60000");
            }
        }
        if (failTicker != null) {
            int eq = failTicker.lastIndexOf('=');
            try {
                if (eq < 0) throw new NumberFormatException();
                String ticker = failTicker.substring(0, eq).trim();
                b.failTicker(ticker, Integer.parseInt(failTicker.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fail-ticker must look like TICKER=STATUS, e.g. MSFT=500");
            }
        }
        if (today != null) b.clock(pinnedDate(today));
        return b;
    }

    /** The system clock shifted so New York's date is {@code date}; time of day keeps running. */
    private static Clock pinnedDate(LocalDate date) {
        ZonedDateTime now = ZonedDateTime.now(Bar.NEW_YORK);
        ZonedDateTime target = date.atTime(now.toLocalTime()).atZone(Bar.NEW_YORK);
        return Clock.offset(Clock.systemUTC(), Duration.between(now, target));
    }
}
