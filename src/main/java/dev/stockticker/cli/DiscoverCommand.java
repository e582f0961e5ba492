package dev.stockticker.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.protocol.MessageWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "discover", mixinStandardHelpOptions = true,
    description = "Validate the config and print the catalog: one stream, stock_prices.")
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
    Connection.loadConfig(configOption.file, env, out);
    ObjectNode catalog = JsonNodeFactory.instance.objectNode();
    catalog.putArray("streams").add(Resources.json("/stock_prices_stream.json"));
    out.catalog(catalog);
    return 0;
  }
}
