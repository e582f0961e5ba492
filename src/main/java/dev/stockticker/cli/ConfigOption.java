package dev.stockticker.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option of check, discover and read (a picocli mixin). */
final class ConfigOption {
  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Connector config JSON (see spec).")
  Path file;
}
