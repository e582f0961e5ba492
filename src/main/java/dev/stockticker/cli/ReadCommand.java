package dev.stockticker.cli;

import dev.stockticker.polygon.PolygonClient;
import dev.stockticker.polygon.WaitListener;
import dev.stockticker.protocol.ConfiguredCatalog;
import dev.stockticker.protocol.ConfiguredCatalog.ConfiguredStream;
import dev.stockticker.protocol.InvalidInputException;
import dev.stockticker.protocol.JsonInput;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.StateInput;
import dev.stockticker.sync.Config;
import dev.stockticker.sync.StockPricesSync;
import dev.stockticker.sync.StreamState;
import java.nio.file.Path;
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
    Config config = Connection.loadConfig(configOption.file, env, out);
    ConfiguredCatalog catalog =
        ConfiguredCatalog.parse(JsonInput.read(catalogFile, "catalog"), catalogFile.toString());
    ConfiguredStream selected = null;
    for (ConfiguredStream stream : catalog.streams()) {
      if (!stream.name().equals(StockPricesSync.STREAM)) {
        throw new InvalidInputException(String.format(
            "The catalog file %s asks for the stream \"%s\", which this source does not have;"
                + " its only stream is %s.", catalogFile, stream.name(), StockPricesSync.STREAM));
      }
      selected = stream;
    }
    if (selected == null) {
      out.log(LogLevel.WARN, "The catalog selects no stream; nothing to read.");
      return 0;
    }
    StreamState state = StreamState.EMPTY;
    if (stateFile != null) {
      String name = stateFile.toString();
      state = StreamState.parse(
          StateInput.streamStates(JsonInput.read(stateFile, "state"), name)
              .get(StockPricesSync.STREAM),
          name, StockPricesSync.STREAM);
    }
    WaitListener waits = (reason, wait, until, rateLimited) -> {
      out.log(LogLevel.INFO, String.format("Waiting %.1f s: %s", wait.toMillis() / 1000.0,
          reason));
      if (rateLimited) {
        out.rateLimited(StockPricesSync.STREAM, until.toEpochMilli());
      }
      out.flush(); // show why the sync is quiet while it waits
    };
    PolygonClient client =
        Connection.client(config, env, env.syncRetry(), env.timeouts(), waits);
    new StockPricesSync(config, client, out, env.clock()).read(selected.syncMode(), state);
    return 0;
  }
}
