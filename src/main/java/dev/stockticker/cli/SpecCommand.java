package dev.stockticker.cli;

import dev.stockticker.protocol.MessageWriter;
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
  public Integer call() {
    out.spec(Resources.json("/spec.json"));
    return 0;
  }
}
