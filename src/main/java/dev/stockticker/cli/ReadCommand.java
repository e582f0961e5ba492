package dev.stockticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.protocol.ConfiguredCatalog;
import dev.stockticker.protocol.JsonInput;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.StateInput;
import dev.stockticker.sync.Config;
import dev.stockticker.sync.Environment;
import dev.stockticker.sync.Streams;
import dev.stockticker.sync.SyncRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Read the configured streams, emitting RECORD, STATE, LOG and TRACE messages.")
final class ReadCommand implements Callable<Integer> {
  private final Environment env;
  private final MessageWriter out;

  @Mixin ConfigOption configOption;

  @Option(names = "--catalog", required = true, paramLabel = "FILE",
      description = "Configured catalog JSON: the streams and sync modes to read.")
  Path catalogFile;

  @Option(names = "--state", paramLabel = "FILE",
      description = "State from the previous sync: the platform's array of state messages,"
          + " a single state message, or the tutorial's {\"stock_prices\":{\"date\":...}}.")
  Path stateFile;

  ReadCommand(Environment env, MessageWriter out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() {
    Config config = configOption.load(env, out);
    ConfiguredCatalog catalog =
        ConfiguredCatalog.parse(JsonInput.read(catalogFile, "catalog"), catalogFile.toString());
    Map<String, JsonNode> states = stateFile == null ? Map.of()
        : StateInput.streamStates(JsonInput.read(stateFile, "state"), stateFile.toString());
    new SyncRunner(Streams.all(), out).read(config, env, catalog, catalogFile.toString(), states,
        stateFile == null ? null : stateFile.toString());
    return 0;
  }
}
