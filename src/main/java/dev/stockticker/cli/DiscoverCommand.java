package dev.stockticker.cli;

import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.Environment;
import dev.stockticker.sync.Streams;
import dev.stockticker.sync.SyncRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "discover", mixinStandardHelpOptions = true,
    description = "Validate the config and print the catalog of every stream.")
final class DiscoverCommand implements Callable<Integer> {
  private final Environment env;
  private final MessageWriter out;

  @Mixin ConfigOption configOption;

  DiscoverCommand(Environment env, MessageWriter out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() {
    configOption.load(env, out);
    out.catalog(new SyncRunner(Streams.all(), out).catalog());
    return 0;
  }
}
