package dev.stockticker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The databind-free tree reader and writer agree with Jackson's ObjectMapper. */
class JsonInputTest {
  private static final String DOCUMENT = "{\"s\":\"a \\\"quoted\\\" \\u00e9\",\"i\":7,\"l\":"
      + "12345678901,\"b\":123456789012345678901234567890,\"d\":1.5e-3,\"t\":true,\"f\":false,"
      + "\"n\":null,\"a\":[1,[2,{\"x\":[]}],{}]}";

  @TempDir Path dir;

  private JsonNode read(String text) throws Exception {
    Path file = dir.resolve("in.json");
    Files.writeString(file, text);
    return JsonInput.read(file, "state");
  }

  @Test
  void readsWhatObjectMapperReads() throws Exception {
    assertEquals(new ObjectMapper().readTree(DOCUMENT), read(DOCUMENT));
  }

  @Test
  void writesWhatItReads() throws Exception {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = new JsonFactory().createGenerator(text)) {
      JsonTrees.write(out, read(DOCUMENT));
    }
    assertEquals(new ObjectMapper().readTree(DOCUMENT), new ObjectMapper().readTree(
        text.toString()));
  }

  @Test
  void rejectsDuplicateKeysAndTrailingContent() {
    assertTrue(assertThrows(InvalidInputException.class, () -> read("{\"a\":1,\"a\":2}"))
        .getMessage().contains("not valid JSON at line 1, column"));
    assertTrue(assertThrows(InvalidInputException.class, () -> read("{} {}"))
        .getMessage().contains("not valid JSON"));
  }

  @Test
  void emptyFilesAreMissingNodes() throws Exception {
    assertTrue(read("  \n").isMissingNode());
  }
}
