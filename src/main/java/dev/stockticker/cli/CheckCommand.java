package dev.stockticker.cli;

import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.ConnectionCheck;
import dev.stockticker.sync.Environment;
import dev.stockticker.sync.Failures;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the config and make one request for the first ticker's recent bars;"
        + " prints one CONNECTION_STATUS and exits 0 either way.")
final class CheckCommand implements Callable<Integer> {
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
      out.connectionStatus(true, ConnectionCheck.run(configOption.load(env, out), env));
    } catch (RuntimeException e) {
      out.connectionStatus(false, Failures.classify(e).message());
    }
    return 0;
  }
}
