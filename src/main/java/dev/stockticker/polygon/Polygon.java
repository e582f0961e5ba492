package dev.stockticker.polygon;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Polygon client: one transport and the endpoint families on it. {@link #connect} is the one
 * place that builds them.
 */
public final class Polygon {
  private final Transport transport;
  private final Aggregates aggregates;
  private final Reference reference;

  public Polygon(Transport transport) {
    this.transport = transport;
    this.aggregates = new Aggregates(transport);
    this.reference = new Reference(transport);
  }

  /**
   * What a connection needs: where, with which key, and how patient to be.
   *
   * @param requestsPerMinute null when the user set no limit
   * @param maxConcurrentRequests how many requests may be in flight at once
   */
  public record Settings(String baseUrl, String apiKey, Integer requestsPerMinute,
      int maxConcurrentRequests, RetryPolicy retry, Timeouts timeouts, Clock clock,
      Sleeper sleeper, WaitListener waitListener) {}

  /** Builds the HTTP client and the transport for {@code settings}. */
  public static Polygon connect(Settings settings) {
    HttpUrl baseUrl = HttpUrl.get(settings.baseUrl());
    Timeouts timeouts = settings.timeouts();
    Dispatcher dispatcher = new Dispatcher();
    // OkHttp allows 5 calls per host by default; the setting is the limit here.
    dispatcher.setMaxRequestsPerHost(Math.max(1, settings.maxConcurrentRequests()));
    OkHttpClient http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.read())
        .callTimeout(timeouts.call())
        .followRedirects(false) // a redirect could carry the Authorization header elsewhere
        // The client only ever talks to base_url's origin (next_url must keep it), so it needs
        // TLS only for https; for http (the sandbox, a local proxy) it then skips loading the
        // trust store and TLS provider, a tenth of a second of start-up.
        .connectionSpecs(List.of(baseUrl.isHttps() ? ConnectionSpec.MODERN_TLS
            : ConnectionSpec.CLEARTEXT))
        .build();
    // Jitter only spreads retries out; it needs no cryptographic randomness (nor SecureRandom's
    // provider start-up).
    Transport.Patience patience = new Transport.Patience(settings.retry(),
        settings.requestsPerMinute(), settings.maxConcurrentRequests(), settings.sleeper(),
        settings.waitListener(), new Random());
    return new Polygon(new Transport(baseUrl, settings.apiKey(), http, settings.clock(), patience));
  }

  public Transport transport() {
    return transport;
  }

  public Aggregates aggregates() {
    return aggregates;
  }

  public Reference reference() {
    return reference;
  }
}
