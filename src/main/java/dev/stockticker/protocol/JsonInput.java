package dev.stockticker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
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

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxStringLength(1024 * 1024)
                          .maxNumberLength(100)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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
      byte[] bytes = Files.readAllBytes(file);
      if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
        return MissingNode.getInstance();
      }
      return MAPPER.readTree(bytes);
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
      throw new InvalidInputException(
          String.format(
              "The %s file %s is not valid JSON: %s", role, file, e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new InvalidInputException(
          String.format("The %s file %s cannot be read: %s", role, file, e), e);
    }
  }

  /** Parses a JSON text with the same limits (for resources and tests). */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
