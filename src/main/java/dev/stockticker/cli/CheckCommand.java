package dev.stockticker.cli;

import dev.stockticker.polygon.Bar;
import dev.stockticker.polygon.PolygonClient;
import dev.stockticker.polygon.WaitListener;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.Config;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the config and make one request for the first ticker's recent bars;"
        + " prints one CONNECTION_STATUS and exits 0 either way.")
final class CheckCommand implements Callable<Integer> {
  static final int RECENT_DAYS = 7;

  private final Environment env;
  private final MessageWriter out;

  @Mixin ConfigOption configOption;

  CheckCommand(Environment env, MessageWriter out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() {
    try {
      Config config = Connection.loadConfig(configOption.file, env, out);
      PolygonClient client = Connection.client(config, env, env.checkRetry(),
          env.checkTimeouts(), WaitListener.NONE);
      String ticker = config.tickers().get(0);
      LocalDate today = LocalDate.now(env.clock().withZone(Bar.MARKET_ZONE));
      LocalDate from = today.minusDays(RECENT_DAYS);
      int[] bars = {0};
      client.dailyBars(ticker, from, today, config.adjusted(), bar -> bars[0]++);
      out.connectionStatus(true, bars[0] > 0
          ? String.format("Connected to %s: %d bar(s) of %s from %s to %s.", config.baseUrl(),
              bars[0], ticker, from, today)
          : String.format("Connected to %s, but it has no bars of %s from %s to %s: "
              + "check that the ticker exists.", config.baseUrl(), ticker, from, today));
    } catch (RuntimeException e) {
      out.connectionStatus(false, Failures.classify(e).message());
    }
    return 0;
  }
}
