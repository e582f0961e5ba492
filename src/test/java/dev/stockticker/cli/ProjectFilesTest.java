package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The version and the image conventions agree across pom.xml, metadata.yaml and the Dockerfile,
 * checked without Docker (the container test checks the built image itself).
 */
class ProjectFilesTest {
  private static String read(String file) throws Exception {
    return Files.readString(Path.of(file));
  }

  private static String pomVersion() throws Exception {
    Matcher version = Pattern.compile("</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(read("pom.xml"));
    assertTrue(version.find());
    return version.group(1);
  }

  @Test
  void metadataDockerfileAndPomAgreeOnNameAndVersion() throws Exception {
    JsonNode metadata = new ObjectMapper(new YAMLFactory()).readTree(read("metadata.yaml"))
        .get("data");
    String dockerfile = read("Dockerfile");

    assertEquals(pomVersion(), metadata.get("dockerImageTag").asText());
    assertTrue(dockerfile.contains("LABEL io.airbyte.version=" + pomVersion() + "\n"));
    assertTrue(dockerfile.contains("LABEL io.airbyte.name="
        + metadata.get("dockerRepository").asText() + "\n"));
    assertEquals("source", metadata.get("connectorType").asText());
    assertTrue(metadata.get("tags").toString().contains("language:java"));
    assertTrue(metadata.at("/allowedHosts/hosts").toString().contains("api.polygon.io"));
  }

  @Test
  void airbyteEntrypointIsTheExecFormEntrypointJoinedBySpaces() throws Exception {
    String dockerfile = read("Dockerfile");
    Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
    Matcher env = Pattern.compile("(?m)^ENV AIRBYTE_ENTRYPOINT=\"(.*)\"$").matcher(dockerfile);
    assertTrue(entrypoint.find() && env.find());
    List<String> args = new ArrayList<>();
    new ObjectMapper().readTree(entrypoint.group(1)).forEach(arg -> args.add(arg.asText()));

    assertEquals(String.join(" ", args), env.group(1));
    assertTrue(args.get(0).startsWith("/"), "absolute path to java");
    assertTrue(args.contains("/airbyte/source-stock-ticker-api.jar"));
    assertTrue(dockerfile.contains("\nUSER airbyte\n"));
  }
}
