package dev.stockticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.PolygonClient;
import dev.stockticker.polygon.RetryPolicy;
import dev.stockticker.polygon.WaitListener;
import dev.stockticker.protocol.JsonInput;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.Config;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Loads the config and builds the Polygon client from it: the wiring check and read share. */
final class Connection {
  private Connection() {}

  /** Reads and validates the config file; its key is masked in all output from here on. */
  static Config loadConfig(Path file, Environment env, MessageWriter out) {
    JsonNode root = JsonInput.read(file, "config");
    JsonNode key = root.path("api_key");
    if (key.isTextual()) {
      out.scrubber().add(key.asText());
    }
    LocalDate today = LocalDate.now(env.clock().withZone(Bar.MARKET_ZONE));
    Config.Parsed parsed = Config.parse(root, file.toString(), today);
    out.scrubber().add(parsed.config().apiKey()); // as sent: without the whitespace Config strips
    parsed.warnings().forEach(warning -> out.log(LogLevel.WARN, warning));
    return parsed.config();
  }

  static PolygonClient client(Config config, Environment env, RetryPolicy retry,
      Environment.Timeouts timeouts, WaitListener waitListener) {
    HttpUrl baseUrl = HttpUrl.get(config.baseUrl());
    OkHttpClient http = new OkHttpClient.Builder()
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
    return new PolygonClient(baseUrl, config.apiKey(), http, env.clock(), retry,
        config.requestsPerMinute(), env.sleeper(), waitListener, new Random());
  }
}
