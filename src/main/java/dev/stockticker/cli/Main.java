package dev.stockticker.cli;

import dev.stockticker.protocol.FailureType;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.SecretScrubber;
import dev.stockticker.sync.Environment;
import dev.stockticker.sync.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The connector's command line: {@code spec}, {@code check}, {@code discover} and {@code read}, as
 * the Airbyte platform runs them. This class only wires; each command is its own class.
 */
@Command(
    name = "source-stock-ticker-api",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Airbyte source for daily stock prices from the Polygon.io (Massive) API.",
    subcommands = {SpecCommand.class, CheckCommand.class, DiscoverCommand.class,
        ReadCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Environment env = Environment.system();
    // The platform runs `spec` often and a person may wait on it; building picocli's model of
    // four annotated commands costs more than the whole command, so the bare form skips it.
    if (args.length == 1 && args[0].equals("spec")) {
      System.exit(runSpec(env));
    }
    System.exit(run(args, env));
  }

  static int runSpec(Environment env) {
    MessageWriter out = new MessageWriter(env.stdout(), env.clock(), new SecretScrubber());
    int exit;
    try {
      exit = new SpecCommand(env, out).call();
    } catch (Exception e) {
      exit = report(out, e);
    }
    return flushed(out) ? exit : 1;
  }

  /** Runs one command and returns its exit code; every message goes through one writer. */
  public static int run(String[] args, Environment env) {
    MessageWriter out = new MessageWriter(env.stdout(), env.clock(), new SecretScrubber());
    CommandLine cli = new CommandLine(new Main(), new Factory(env, out));
    // --help and --version are for a person at a terminal; they still go to the command's stdout.
    cli.setOut(new PrintWriter(new OutputStreamWriter(env.stdout(), StandardCharsets.UTF_8), true));
    cli.setParameterExceptionHandler((error, arguments) -> {
      out.error(FailureType.CONFIG_ERROR,
          "Invalid command line: " + error.getMessage()
              + ". Usage: spec | check --config FILE | discover --config FILE"
              + " | read --config FILE --catalog FILE [--state FILE]",
          error.getMessage(), null);
      return 2;
    });
    cli.setExecutionExceptionHandler((error, command, parseResult) -> report(out, error));
    int exit = cli.execute(args);
    return flushed(out) ? exit : 1;
  }

  /** Reports a command's failure as a TRACE error; returns the exit code. */
  private static int report(MessageWriter out, Throwable error) {
    Failures.Failure failure = Failures.classify(error);
    try {
      out.error(failure.type(), failure.message(), failure.internalMessage(),
          failure.stackTrace());
    } catch (UncheckedIOException stdoutGone) {
      // Nobody is reading stdout any more; flushed() says so on stderr.
    }
    return 1;
  }

  /**
   * Hands the last messages to stdout. If stdout is gone (the reader closed the pipe) there is no
   * one to send a TRACE to: say so once on stderr and fail, without a stack trace.
   */
  private static boolean flushed(MessageWriter out) {
    try {
      out.flush();
      return true;
    } catch (UncheckedIOException e) {
      System.err.println("source-stock-ticker-api: cannot write to stdout: " + e.getMessage());
      return false;
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: one of spec, check, discover, read");
  }

  /** Gives each command the environment and the writer. */
  private record Factory(Environment env, MessageWriter out) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(Environment.class, MessageWriter.class)
            .newInstance(env, out);
      } catch (NoSuchMethodException notACommand) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"source-stock-ticker-api " + properties.getProperty("version", "dev")};
    }
  }
}
