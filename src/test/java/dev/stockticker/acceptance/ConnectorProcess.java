package dev.stockticker.acceptance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockticker.support.ProtocolSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the connector jar as a separate process, one command per process, the way the platform
 * and CAT run the image: stdout and stderr captured apart. Every run records what must hold on
 * every run (stdout is only AirbyteMessage JSON lines; no secret on stdout or stderr) in {@link
 * Output#problems()}.
 */
final class ConnectorProcess {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path jar;
  private final Path workDir;
  private final AtomicInteger counter = new AtomicInteger();

  ConnectorProcess(Path jar, Path workDir) {
    this.jar = jar;
    this.workDir = workDir;
  }

  /**
   * The outcome of one command. {@code protocolProblems}: stdout lines that are not AirbyteMessage
   * JSON; {@code secretProblems}: secrets seen on stdout or stderr.
   */
  record Output(String command, int exitCode, String stdout, String stderr,
      List<JsonNode> messages, List<String> protocolProblems, List<String> secretProblems,
      long millis) {

    List<String> problems() {
      List<String> all = new ArrayList<>(protocolProblems);
      all.addAll(secretProblems);
      return all;
    }

    List<JsonNode> ofType(String type) {
      return messages.stream().filter(m -> type.equals(m.path("type").asText()))
          .collect(Collectors.toList());
    }

    /** The one message of {@code type}, as CAT requires of SPEC, CONNECTION_STATUS and CATALOG. */
    JsonNode only(String type, String name) {
      List<JsonNode> found = ofType(type);
      if (found.size() != 1) {
        throw new AssertionError(name + " message should be emitted exactly once, got "
            + found.size() + diagnostics());
      }
      return found.get(0);
    }

    List<JsonNode> records() {
      return ofType("RECORD").stream().map(m -> m.get("record")).collect(Collectors.toList());
    }

    List<JsonNode> states() {
      return ofType("STATE").stream().map(m -> m.get("state")).collect(Collectors.toList());
    }

    List<JsonNode> traces(String traceType) {
      return ofType("TRACE").stream().map(m -> m.get("trace"))
          .filter(t -> traceType.equals(t.path("type").asText())).collect(Collectors.toList());
    }

    /** Fails when stdout held anything but AirbyteMessages, or a secret leaked. */
    void assertClean() {
      List<String> problems = problems();
      if (!problems.isEmpty()) {
        throw new AssertionError("`" + command + "` broke the protocol: "
            + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
            + (problems.size() > 5 ? "; ... " + (problems.size() - 5) + " more" : ""));
      }
    }

    /** What to show when a run did not do what a check expected. */
    String diagnostics() {
      StringBuilder text = new StringBuilder();
      text.append("\n  command: ").append(command).append(" (exit ").append(exitCode).append(")");
      for (JsonNode error : traces("ERROR")) {
        text.append("\n  TRACE ERROR: ").append(error.path("error").path("message").asText());
      }
      String err = stderr.strip();
      if (!err.isEmpty()) {
        text.append("\n  stderr: ").append(err.length() > 2000 ? err.substring(0, 2000) + "..." : err);
      }
      return text.toString();
    }
  }

  /** Writes {@code content} to a new file in the work folder and returns its path. */
  Path file(String prefix, String content) {
    try {
      Path file = workDir.resolve(prefix + "-" + counter.incrementAndGet() + ".json");
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path file(String prefix, JsonNode content) {
    return file(prefix, content.toString());
  }

  /**
   * Runs {@code java -jar CONNECTOR args...} with the work folder as current directory.
   * {@code secrets} are values that must appear on neither stream.
   */
  Output run(Duration timeout, Collection<String> secrets, String... args) {
    int n = counter.incrementAndGet();
    Path out = workDir.resolve("run-" + n + ".stdout");
    Path err = workDir.resolve("run-" + n + ".stderr");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    String shown = String.join(" ", args).replace(workDir.toString() + "/", "");
    long start = System.nanoTime();
    int exit;
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("`" + shown + "` did not finish within " + timeout.toSeconds()
            + " s (CAT's timeout for this test)");
      }
      exit = process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + shown, e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String stdout;
    String stderr;
    try {
      stdout = Files.readString(out, StandardCharsets.UTF_8);
      stderr = Files.readString(err, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> protocolProblems = new ArrayList<>();
    List<JsonNode> messages = parse(stdout, protocolProblems);
    List<String> secretProblems = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.length() < 4) {
        continue;
      }
      if (stdout.contains(secret)) {
        secretProblems.add("the API key from the config appears on stdout");
      }
      if (stderr.contains(secret)) {
        secretProblems.add("the API key from the config appears on stderr");
      }
    }
    return new Output(shown, exit, stdout, stderr, List.copyOf(messages),
        List.copyOf(protocolProblems), List.copyOf(secretProblems), millis);
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Every stdout line must be one JSON AirbyteMessage; anything else is a problem. */
  private static List<JsonNode> parse(String stdout, List<String> problems) {
    List<JsonNode> messages = new ArrayList<>();
    if (stdout.isEmpty()) {
      return messages;
    }
    if (!stdout.endsWith("\n")) {
      problems.add("stdout does not end with a newline");
    }
    String[] lines = stdout.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          problems.add("stdout line " + (i + 1) + " is empty");
        }
        continue;
      }
      JsonNode message;
      try {
        message = JSON.readTree(line);
      } catch (IOException e) {
        problems.add("stdout line " + (i + 1) + " is not JSON: " + abbreviate(line));
        continue;
      }
      if (!message.isObject() || !message.path("type").isTextual()) {
        problems.add("stdout line " + (i + 1) + " is not an AirbyteMessage (no \"type\"): "
            + abbreviate(line));
        continue;
      }
      try {
        ProtocolSchema.assertValid(message);
      } catch (AssertionError e) {
        problems.add("stdout line " + (i + 1) + " is not a valid AirbyteMessage: "
            + abbreviate(e.getMessage()));
        continue;
      }
      messages.add(message);
    }
    return messages;
  }

  static String abbreviate(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
  }
}
