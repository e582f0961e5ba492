package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.sandbox.SandboxServer;
import dev.stockticker.support.Connector;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight tickers against a sandbox that allows 3 requests per 2 seconds, in real time: with and
 * without requests_per_minute the data is complete; with it, the server never has to say 429.
 */
class RateLimitedServerTest {
  private static final String TICKERS = "AAPL, MSFT, TSLA, GOOGL, AMZN, NVDA, META, JPM";

  @TempDir Path dir;
  private SandboxServer sandbox;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.builder().apiKey("sandbox-key").rateLimit(3, Duration.ofSeconds(2))
        .build().start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Run read(String extra) {
    // Real waits, policy shaped like production's but scaled to the 2-second window.
    Connector connector = new Connector(dir, Instant.now()).realSleep().syncRetry(
        new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(30)));
    String config = connector.file("config.json", String.format("{\"api_key\":\"sandbox-key\","
        + "\"stock_ticker\":\"%s\",\"start_date\":\"%s\",\"end_date\":\"%s\","
        + "\"base_url\":\"%s\"%s}", TICKERS, LocalDate.now().minusDays(120),
        LocalDate.now().minusDays(30), sandbox.baseUrl(), extra));
    return connector.run("read", "--config", config, "--catalog",
        Path.of("incremental_configured_catalog.json").toAbsolutePath().toString());
  }

  private void assertComplete(Run run) {
    assertEquals(0, run.exitCode(), run.stdout());
    Set<String> expected = new HashSet<>();
    for (String ticker : TICKERS.split(", ")) {
      sandbox.market().bars(ticker, LocalDate.now().minusDays(120), LocalDate.now().minusDays(30),
          true).forEach(bar -> expected.add(ticker + " " + bar.date()));
    }
    assertTrue(expected.size() > 400);
    assertEquals(expected, new HashSet<>(run.recordKeys()));
    assertEquals(run.recordKeys().size(), expected.size(), "no duplicates");
  }

  @Test
  void withoutPacingTheConnectorBacksOffAndStillGetsEverything() {
    Run run = read("");

    assertComplete(run);
    assertTrue(sandbox.throttledCount() > 0, "the server did rate-limit this run");
    assertTrue(run.ofType("TRACE").stream().anyMatch(m ->
        m.at("/trace/stream_status/reasons/0/type").asText().equals("RATE_LIMITED")));
  }

  @Test
  void withRequestsPerMinuteTheServerNeverRateLimits() {
    Run run = read(",\"requests_per_minute\":80");

    assertComplete(run);
    assertEquals(0, sandbox.throttledCount());
    assertEquals(List.of("STARTED", "RUNNING", "COMPLETE"),
        run.streamStatuses().stream().distinct().toList());
  }
}
