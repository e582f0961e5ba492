package dev.stockticker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The official Airbyte protocol schema from {@code ../shared/airbyte-protocol}, used to validate
 * every message a test sees. Where a clone has no {@code ../shared}, validation is skipped and
 * {@link #SKIP_REASON} says why; {@code ProtocolSchemaTest} reports it as a skipped test.
 */
public final class ProtocolSchema {
  public static final Path FILE =
      Path.of("..", "shared", "airbyte-protocol", "airbyte_protocol.yaml").toAbsolutePath()
          .normalize();
  public static final String SKIP_REASON =
      "the official protocol schema " + FILE + " is absent (a clone without ../shared), so "
          + "messages are not validated against it";

  private static final JsonSchema MESSAGE = load();

  private ProtocolSchema() {}

  public static boolean available() {
    return MESSAGE != null;
  }

  /** Fails with every violation when {@code message} is not a valid AirbyteMessage. */
  public static void assertValid(JsonNode message) {
    if (MESSAGE == null) {
      return;
    }
    Set<ValidationMessage> errors = MESSAGE.validate(message);
    if (!errors.isEmpty()) {
      throw new AssertionError("Not a valid AirbyteMessage: " + errors + "\n" + message);
    }
  }

  public static Set<ValidationMessage> validate(JsonNode message) {
    return MESSAGE.validate(message);
  }

  private static JsonSchema load() {
    if (!Files.isRegularFile(FILE)) {
      return null;
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
      ObjectNode schema = new ObjectMapper().createObjectNode();
      schema.put("$schema", "http://json-schema.org/draft-07/schema#");
      schema.set("definitions", root.get("definitions"));
      schema.putArray("allOf").addObject().put("$ref", "#/definitions/AirbyteMessage");
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON schema (draft 7) for record data, e.g. the stream's json_schema. */
  public static JsonSchema draft7(JsonNode schema) {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
        .build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
  }
}
