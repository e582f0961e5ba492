package dev.stockticker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the JSON files the platform hands the connector (config, catalog, state) with limits, so a
 * huge or hostile file becomes a clear config error instead of an out-of-memory crash.
 */
public final class JsonInput {
  /** Real configs, catalogs and states are a few KB; 16 MiB leaves room for thousands of tickers. */
  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  static final int MAX_NESTING_DEPTH = 64;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxStringLength(1024 * 1024)
                  .maxNumberLength(100)
                  .build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonInput() {}

  /**
   * Parses {@code file}; {@code role} ("config", "catalog", "state") names it in errors. An empty
   * or blank file gives {@link MissingNode}.
   */
  public static JsonNode read(Path file, String role) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new InvalidInputException(
            String.format(
                "The %s file %s is %d bytes; at most %d bytes are accepted.",
                role, file, size, MAX_FILE_BYTES));
      }
      return parse(JSON.createParser(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          String.format("The %s file %s does not exist.", role, file), e);
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException(
          String.format(
              "The %s file %s is nested too deeply or holds a value that is too long "
                  + "(at most %d levels of nesting): %s",
              role, file, MAX_NESTING_DEPTH, e.getOriginalMessage()),
          e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Only where, never what: Jackson quotes the offending token, which may be an unquoted key.
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : String.format(" at line %d, column %d", at.getLineNr(),
          at.getColumnNr());
      throw new InvalidInputException(
          String.format("The %s file %s is not valid JSON%s.", role, file, where), null);
    } catch (IOException e) {
      throw new InvalidInputException(
          String.format("The %s file %s cannot be read: %s", role, file, e), e);
    }
  }

  /** Parses a JSON document with the same limits, e.g. a resource of the jar. */
  public static JsonNode read(InputStream in) throws IOException {
    return parse(JSON.createParser(in));
  }

  /** The document's one value, or MissingNode for an empty or blank document. */
  private static JsonNode parse(JsonParser parser) throws IOException {
    try (parser) {
      if (parser.nextToken() == null) {
        return MissingNode.getInstance();
      }
      JsonNode root = JsonTrees.read(parser);
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "Trailing content after the JSON value");
      }
      return root;
    }
  }
}
