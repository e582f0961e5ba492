package dev.stockticker.acceptance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The check CAT makes of acceptance-test-config.yml itself before any section runs: its models
 * reject unknown keys and missing files, so a typo there would stop a Docker run that this suite
 * otherwise passes. The sections only CAT runs are reported as skipped, so that they are not
 * taken for passed.
 */
class AcceptanceTestConfigIT {
  private static final CatReport REPORT = new CatReport("config");

  @AfterAll
  static void stop() {
    REPORT.printSummary();
  }

  @TestFactory
  Stream<DynamicNode> acceptanceTestConfig() {
    CatConfig cat;
    try {
      cat = CatConfig.load(AcceptanceSection.CONFIG_FILE);
    } catch (IOException | RuntimeException e) {
      return Stream.of(AcceptanceSection.unreadableConfig(REPORT, "config", e));
    }
    List<DynamicNode> nodes = new ArrayList<>();
    String configName =
        AcceptanceSection.ROOT.relativize(AcceptanceSection.CONFIG_FILE).toString();
    nodes.add(REPORT.check("config", "acceptance_test_config", configName, () -> {
      List<String> problems = cat.problems();
      if (!problems.isEmpty()) {
        throw new AssertionError("CAT would reject " + configName + ":\n  "
            + String.join("\n  ", problems));
      }
      List<String> counts = new ArrayList<>();
      for (String section : CatConfig.SECTIONS) {
        counts.add(section + " " + cat.tests(section).size());
      }
      return "strictness " + cat.strictness() + "; " + String.join(", ", counts);
    }));
    for (String other : List.of("connector_attributes", "connector_documentation")) {
      if (!cat.section(other).isMissingNode()) {
        nodes.add(REPORT.skip(other, "section", "only run by CAT itself (certified connectors)"));
      }
    }
    return nodes.stream();
  }
}
