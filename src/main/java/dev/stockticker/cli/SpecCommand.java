package dev.stockticker.cli;

import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "spec", mixinStandardHelpOptions = true,
    description = "Print the connector specification (the config it accepts) as a SPEC message.")
final class SpecCommand implements Callable<Integer> {
  private final MessageWriter out;

  SpecCommand(Environment env, MessageWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    try (InputStream spec = SpecCommand.class.getResourceAsStream("/spec.json")) {
      out.spec(spec);
    }
    return 0;
  }
}
