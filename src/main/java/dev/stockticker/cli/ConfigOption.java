package dev.stockticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.protocol.JsonInput;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.sync.Config;
import dev.stockticker.sync.Environment;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option of check, discover and read (a picocli mixin). */
final class ConfigOption {
  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Connector config JSON (see spec).")
  Path file;

  /** Reads and validates the config file; its key is masked in all output from here on. */
  Config load(Environment env, MessageWriter out) {
    JsonNode root = JsonInput.read(file, "config");
    JsonNode key = root.path("api_key");
    if (key.isTextual()) {
      out.scrubber().add(key.asText());
    }
    Config.Parsed parsed = Config.parse(root, file.toString(), env.clock());
    out.scrubber().add(parsed.config().apiKey()); // as sent: without the whitespace Config strips
    parsed.warnings().forEach(warning -> out.log(LogLevel.WARN, warning));
    return parsed.config();
  }
}
