package dev.stockticker.acceptance;

import static dev.stockticker.acceptance.CatConfig.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockticker.acceptance.ConnectorProcess.Output;
import dev.stockticker.sandbox.SandboxServer;
import dev.stockticker.support.ProtocolSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness of the offline equivalent of Airbyte's Connector Acceptance Tests: a subclass per
 * section of {@code acceptance-test-config.yml} makes, for every test entry of its section, the
 * checks CAT makes (see ../shared/docs/airbyte-and-polygon.md §2 and CAT's tests/test_core.py,
 * test_full_refresh.py and test_incremental.py), against the built jar, run as a separate process
 * per command, and the local Polygon sandbox instead of Docker and a real key.
 *
 * <p>Each config_path is the real file if present, else its .example.json; it is then rewritten
 * for the sandbox: base_url = the sandbox, api_key = the sandbox's key (kept as is for a connection
 * test that expects {@code failed} or {@code exception}, so the sandbox rejects it with 401), and
 * requests_per_minute dropped (the sandbox has no rate limit; pacing would only slow the suite).
 * The sandbox's clock is frozen when the class starts, so today's still-forming bar is the same in
 * every read of a section.
 *
 * <p>Every entry also gets the checks that hold for every run (stdout is only AirbyteMessages, no
 * secret in the output), made over the runs its own checks caused. Each check prints one line,
 * {@code CAT <section> <check>: PASS|FAIL|SKIP (...)}, and each class a summary.
 *
 * <p>Run only the acceptance tests with {@code mvn -B verify
 * -Dit.test='dev.stockticker.acceptance.*IT' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false},
 * or one section with e.g. {@code -Dit.test=SpecIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AcceptanceSection {
  static final Path ROOT = Path.of("").toAbsolutePath();
  /** The CAT config to run; {@code -Dcat.config=FILE} runs another one (to try the checks). */
  static final Path CONFIG_FILE =
      ROOT.resolve(System.getProperty("cat.config", "acceptance-test-config.yml"));
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** A key no output could contain by accident, so the secret check means something. */
  private static final String SANDBOX_KEY = "sandbox-" + randomHex();
  /** CAT's default timeouts per test class, used when an entry sets no timeout_seconds. */
  private static final Map<String, Duration> TIMEOUTS = Map.of(
      "spec", Duration.ofMinutes(1), "connection", Duration.ofMinutes(1),
      "discovery", Duration.ofMinutes(5), "basic_read", Duration.ofMinutes(10),
      "full_refresh", Duration.ofMinutes(20), "incremental", Duration.ofMinutes(20));

  private final String section;
  private final CatReport report;
  private SandboxServer sandbox;
  private ConnectorProcess connector;

  /** {@code section}: the key under acceptance_tests in the yml that this class runs. */
  AcceptanceSection(String section) {
    this.section = section;
    this.report = new CatReport(section);
  }

  /**
   * The checks CAT makes for one test entry, in CAT's order. They may share connector runs (see
   * {@link Lazy}) but must make them through {@code e}, so that the every-run checks see them.
   */
  abstract List<DynamicNode> checks(Entry e);

  @BeforeAll
  void start(@TempDir Path work) {
    String property = System.getProperty("connector.jar");
    Path jar = property != null ? Path.of(property)
        : ROOT.resolve("target/source-stock-ticker-api.jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("the connector jar " + jar + " does not exist: run `mvn package`"
          + " first (failsafe passes it as -Dconnector.jar)");
    }
    sandbox = SandboxServer.builder().apiKey(SANDBOX_KEY)
        .clock(Clock.fixed(Instant.now(), ZoneOffset.UTC)).pageSize(100).build().start();
    connector = new ConnectorProcess(jar, work);
  }

  @AfterAll
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    report.printSummary();
  }

  @TestFactory
  Stream<DynamicNode> acceptanceTests() {
    CatConfig cat;
    try {
      cat = CatConfig.load(CONFIG_FILE);
    } catch (IOException | RuntimeException e) {
      return Stream.of(unreadableConfig(report, section, e));
    }
    return entries(cat);
  }

  /** A failing check instead of the checks a yml that cannot be read would have given. */
  static DynamicTest unreadableConfig(CatReport report, String section, Exception e) {
    return report.check(section, "acceptance_test_config", CONFIG_FILE.getFileName().toString(),
        () -> {
          throw new AssertionError("cannot read " + CONFIG_FILE + ": " + e.getMessage(), e);
        });
  }

  /** One container per test entry of the section, or a skip when the yml does not run it. */
  private Stream<DynamicNode> entries(CatConfig cat) {
    JsonNode node = cat.section(section);
    if (node.isMissingNode() || node.isNull()) {
      return Stream.of(report.skip(section, "section", "not in acceptance-test-config.yml"));
    }
    if (node.hasNonNull("bypass_reason")) {
      return Stream.of(report.skip(section, "section",
          "bypassed: " + node.get("bypass_reason").asText()));
    }
    List<JsonNode> tests = cat.tests(section);
    List<DynamicNode> nodes = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      Entry entry = new Entry(cat, tests.get(i));
      nodes.add(DynamicContainer.dynamicContainer(section + "[" + i + "] " + entry.label,
          entry.allChecks().stream()));
    }
    return nodes.stream();
  }

  // ---------------------------------------------------------------------------------------------
  // One test entry of the section: its checks and the connector runs they share.

  final class Entry {
    /** The entry as the yml states it: config_path, status, expect_records... */
    final JsonNode test;
    private final CatConfig cat;
    private final String label;
    private final Duration timeout;
    private final List<Output> runs = new ArrayList<>();

    private Entry(CatConfig cat, JsonNode test) {
      this.cat = cat;
      this.test = test;
      this.label = CatConfig.label(test);
      this.timeout = test.hasNonNull("timeout_seconds")
          ? Duration.ofSeconds(test.get("timeout_seconds").asLong())
          : TIMEOUTS.get(section);
    }

    /** A check of this entry, reported under its section and labelled with the entry. */
    DynamicTest check(String name, CatReport.Body body) {
      return report.check(section, name, label, body);
    }

    /**
     * The section's checks, then the every-run ones: last, because dynamic tests run in order
     * and only then have all of the entry's runs been made.
     */
    List<DynamicNode> allChecks() {
      List<DynamicNode> checks = checks(this);
      checks.add(check("every_run[stdout_is_airbyte_messages]", () -> {
        List<String> problems = new ArrayList<>();
        int messages = 0;
        for (Output run : runs) {
          run.protocolProblems().forEach(p -> problems.add("`" + run.command() + "`: " + p));
          messages += run.messages().size();
        }
        if (!problems.isEmpty()) {
          throw new AssertionError(String.join("\n", problems));
        }
        return runs.size() + " run(s), " + messages + " message(s), "
            + (ProtocolSchema.available() ? "each valid against airbyte_protocol.yaml"
                : "JSON only: " + ProtocolSchema.SKIP_REASON);
      }));
      checks.add(check("every_run[no_secret_in_output]", () -> {
        List<String> problems = new ArrayList<>();
        for (Output run : runs) {
          run.secretProblems().forEach(p -> problems.add("`" + run.command() + "`: " + p));
        }
        if (!problems.isEmpty()) {
          throw new AssertionError(String.join("\n", problems));
        }
        return runs.size() + " run(s): key absent from stdout and stderr";
      }));
      return checks;
    }

    Output run(Secrets secrets, String... args) {
      Output output = connector.run(timeout, secrets.values(), args);
      runs.add(output);
      output.assertClean();
      return output;
    }

    Output read(Config config, JsonNode catalog, JsonNode state) {
      List<String> args = new ArrayList<>(List.of("read", "--config", config.file().toString(),
          "--catalog", connector.file("catalog", catalog).toString()));
      if (state != null) {
        args.add("--state");
        args.add(connector.file("state", state).toString());
      }
      return run(config.secrets(), args.toArray(String[]::new));
    }

    /** A read that must succeed, as CAT's call_read raises when the container fails. */
    Output readOk(Config config, JsonNode catalog, JsonNode state, String what) {
      Output output = read(config, catalog, state);
      if (output.exitCode() != 0 || !output.traces("ERROR").isEmpty()) {
        throw new AssertionError(what + " failed" + output.diagnostics());
      }
      return output;
    }

    /** The entry's config_path; {@code keepKey} for a check that the sandbox must reject. */
    Config config(boolean keepKey) {
      String declared = text(test, "config_path", "secrets/config.json");
      Path source = cat.resolveConfig(declared);
      if (source == null) {
        throw new AssertionError("config_path " + declared + ": neither it nor "
            + CatConfig.example(declared) + " exists");
      }
      JsonNode original;
      try {
        original = ConnectorProcess.JSON.readTree(Files.readString(source));
      } catch (IOException e) {
        throw new AssertionError("cannot read " + source + ": " + e.getMessage(), e);
      }
      if (!original.isObject()) {
        throw new AssertionError(source + " is not a JSON object");
      }
      ObjectNode sandboxed = original.deepCopy();
      sandboxed.put("base_url", sandbox.baseUrl());
      sandboxed.remove("requests_per_minute");
      if (!keepKey) {
        sandboxed.put("api_key", SANDBOX_KEY);
      } else if (SANDBOX_KEY.equals(sandboxed.path("api_key").asText())) {
        throw new AssertionError(source + " must hold a key the sandbox rejects");
      }
      Path file = connector.file("config", sandboxed);
      return new Config(declared, source, original, sandboxed, file);
    }

    Path path(String relative) {
      return cat.base().resolve(relative);
    }

    /** Runs discover once, when first needed; the streams by name (CAT's discovered_catalog). */
    Lazy<Map<String, JsonNode>> discovered() {
      return new Lazy<>(() -> {
        Config config = config(false);
        Output output = run(config.secrets(), "discover", "--config", config.file().toString());
        if (output.exitCode() != 0) {
          throw new AssertionError("discover failed" + output.diagnostics());
        }
        JsonNode streams = output.only("CATALOG", "Catalog").path("catalog").path("streams");
        if (!streams.isArray() || streams.isEmpty()) {
          throw new AssertionError("Catalog should contain streams");
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode stream : streams) {
          if (byName.put(stream.path("name").asText(), stream) != null) {
            duplicates.add(stream.path("name").asText());
          }
        }
        if (!duplicates.isEmpty()) {
          throw new AssertionError("Catalog should have uniquely named streams, duplicates are: "
              + duplicates);
        }
        return byName;
      });
    }

    /**
     * CAT's configured_catalog, built when first needed: the file's configured streams with each
     * {@code stream} replaced by the discovered one; or, without a file, every discovered stream
     * in its first sync mode.
     */
    Lazy<JsonNode> configuredCatalog() {
      Lazy<Map<String, JsonNode>> discovered = discovered();
      return new Lazy<>(() -> configuredCatalog(discovered));
    }

    private JsonNode configuredCatalog(Lazy<Map<String, JsonNode>> discovered) {
      String path = text(test, "configured_catalog_path", null);
      ObjectNode catalog = NODES.objectNode();
      ArrayNode streams = catalog.putArray("streams");
      if (path == null) {
        for (JsonNode stream : discovered.get().values()) {
          ObjectNode configured = streams.addObject();
          configured.set("stream", stream);
          configured.set("sync_mode", stream.path("supported_sync_modes").get(0));
          configured.put("destination_sync_mode", "append");
          configured.set("cursor_field", stream.path("default_cursor_field"));
          configured.set("primary_key", stream.path("source_defined_primary_key"));
        }
        return catalog;
      }
      JsonNode file;
      try {
        file = ConnectorProcess.JSON.readTree(Files.readString(path(path)));
      } catch (IOException ex) {
        throw new AssertionError("cannot read " + path + ": " + ex.getMessage(), ex);
      }
      for (JsonNode configured : file.path("streams")) {
        String name = configured.path("stream").path("name").asText();
        JsonNode stream = discovered.get().get(name);
        if (stream == null) {
          throw new AssertionError("The " + name + " stream you have set in " + path
              + " is not part of the discovered_catalog");
        }
        ObjectNode copy = configured.deepCopy();
        copy.set("stream", stream);
        streams.add(copy);
      }
      return catalog;
    }
  }

  /** Secret values that must not appear in a run's output. */
  record Secrets(List<String> values) {}

  /** A config as CAT would pass it, and the copy rewritten for the sandbox. */
  record Config(String declared, Path source, JsonNode original, JsonNode sandboxed, Path file) {
    String shown() {
      return ROOT.relativize(source).toString();
    }

    Secrets secrets() {
      List<String> secrets = new ArrayList<>();
      secrets.add(sandboxed.path("api_key").asText(null));
      return new Secrets(secrets);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers the sections share.

  /** Python's truth of a value, for CAT's {@code if value:} tests. */
  static boolean truthy(JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.asText().isEmpty();
    }
    return value.size() > 0;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  private static String randomHex() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
