package dev.stockticker.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON reader on its own, without a page around it. {@code PageParserTest} compares whole
 * pages with Jackson; this pins what a page test cannot see: the decoded text, and that an error
 * says the same byte and the same cause however the body arrives. Each body is read in one piece
 * and in reads of one and of three bytes, so every token also meets a refill.
 */
class JsonByteReaderTest {
  private static final int[] READ_SIZES = {Integer.MAX_VALUE, 1, 3};

  private interface Step {
    void run(JsonByteReader json) throws IOException;
  }

  @Test
  void stringsAreDecodedEscapesAndUtf8Alike() throws IOException {
    String body = "\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC é€𝄞\"";
    for (int size : READ_SIZES) {
      JsonByteReader json = reader(body.getBytes(StandardCharsets.UTF_8), size);
      assertEquals('"', json.nextToken());
      json.readString();
      assertEquals("q\"b\\s/\b\f\n\r\té€ é€𝄞", json.stringValue(), "reads of " + size);
      assertEquals(JsonByteReader.EOF, json.skipWhitespace());
    }
  }

  @Test
  void namesCompareByTheirDecodedText() throws IOException {
    byte[] results = "results".getBytes(StandardCharsets.US_ASCII);
    for (String name : new String[] {"results", "res\\u0075lts", "\\u0072esults"}) {
      for (int size : READ_SIZES) {
        JsonByteReader json = reader(("\"" + name + "\" : 1").getBytes(StandardCharsets.UTF_8),
            size);
        json.readName(json.nextToken());
        assertTrue(json.textIs(results), name);
        assertFalse(json.textIs("result".getBytes(StandardCharsets.US_ASCII)), name);
        assertEquals("1", number(json));
      }
    }
  }

  /** The body, what is read of it, the error's text (without its byte), that byte, cut short. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "\"abc | string | it ends at byte {} in the middle of a value | 4 | true",
      "\"a\\ | string | it ends at byte {} in the middle of a value | 3 | true",
      "\"a\001\" | string | a control character (0x01) is not escaped in a string"
          + " at byte {} | 3 | false",
      "\"a\\x\" | string | '\\x' is not a JSON escape at byte {} | 5 | false",
      "\"\\u12\" | string | a \\u escape needs four hex digits at byte {} | 6 | false",
      "[1,] | value | ']' where a value was expected at byte {} | 4 | false",
      "[1 2] | value | '2' where ',' or ']' in an array was expected at byte {} | 4 | false",
      "{\"a\" 1} | value | '1' where ':' after a field name was expected at byte {} | 6 | false",
      "{1:2} | value | '1' where a field name was expected at byte {} | 2 | false",
      "tru | value | it ends at byte {} in the middle of a value | 3 | true",
      "trux | value | 'x' where 'true' was expected at byte {} | 3 | false",
      "[nul | value | it ends at byte {} in the middle of a value | 4 | true",
      "[1. | value | it ends at byte {} in the middle of a value | 3 | true",
      "[1.x] | value | '1.' is not a JSON number at byte {} | 3 | false",
      "[01] | value | '01' is not a JSON number at byte {} | 3 | false",
      "[-] | value | '-' is not a JSON number at byte {} | 2 | false",
      "' | value | ''' where a value was expected at byte {} | 1 | false",
      "{ | value | it ends at byte {} in the middle of a value | 1 | true"})
  void errorsSayTheSameByteAndCauseHoweverTheBodyArrives(String body, String read,
      String message, int at, boolean cutShort) {
    Step step = read.equals("string") ? json -> {
      json.nextToken();
      json.readString();
    } : json -> json.skipValue(json.nextToken(), 1);
    assertError(body.getBytes(StandardCharsets.UTF_8), step, message.replace("{}", "" + at),
        cutShort);
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] body = {'"', 'a', (byte) 0xc3, '"'}; // a lead byte with no continuation
    assertError(body, json -> json.skipValue(json.nextToken(), 1),
        "a string is not valid UTF-8 at byte 4", false);
  }

  @Test
  void nestingIsCheckedToTheLimit() throws IOException {
    int depth = JsonByteReader.MAX_DEPTH;
    byte[] deepest = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    for (int size : READ_SIZES) {
      JsonByteReader json = reader(deepest, size);
      json.skipValue(json.nextToken(), 1);
      assertEquals(JsonByteReader.EOF, json.skipWhitespace());
    }
    byte[] deeper = ("[".repeat(depth + 1) + "]".repeat(depth + 1))
        .getBytes(StandardCharsets.US_ASCII);
    assertError(deeper, json -> json.skipValue(json.nextToken(), 1),
        "it nests deeper than " + depth + " levels at byte " + (depth + 1), false);
  }

  @Test
  void numbersAreReadWholeAcrossRefillsUpToTheLimit() throws IOException {
    int max = JsonByteReader.MAX_NUMBER_LENGTH;
    for (String number : new String[] {"-0.5e+10", "123.456E-7", "1".repeat(max)}) {
      for (int size : READ_SIZES) {
        JsonByteReader json = reader(("[" + number + "]").getBytes(StandardCharsets.US_ASCII),
            size);
        json.nextToken();
        assertEquals(number, number(json), "reads of " + size);
        assertFalse(json.more(']', "']'"));
      }
    }
    assertError(("[" + "1".repeat(max + 1) + "]").getBytes(StandardCharsets.US_ASCII),
        json -> json.skipValue(json.nextToken(), 1),
        "a number is longer than " + max + " characters at byte " + (max + 1), false);
  }

  @Test
  void aFastPathReadsTheBufferAndConsumesWhatItSays() throws IOException {
    JsonByteReader json = reader(" {\"t\":1}".getBytes(StandardCharsets.US_ASCII), 100);
    assertEquals('{', json.nextToken());
    byte[] buffer = json.buffer();
    assertEquals('"', buffer[json.position()]);
    assertEquals(8, json.limit());
    json.position(json.position() + 5); // a caller read "t":1 itself
    assertEquals('}', json.nextToken());
    assertEquals(JsonByteReader.EOF, json.skipWhitespace());
  }

  // ---- Helpers. ----

  /** The number that the next token starts. */
  private static String number(JsonByteReader json) throws IOException {
    json.nextToken();
    return json.readNumber().toString();
  }

  private static void assertError(byte[] body, Step step, String message, boolean cutShort) {
    for (int size : READ_SIZES) {
      JsonByteReader json = reader(body, size);
      PageParser.MalformedBodyException e = assertThrows(PageParser.MalformedBodyException.class,
          () -> step.run(json), "reads of " + size);
      assertEquals(message, e.getMessage(), "reads of " + size);
      assertEquals(cutShort, e.cutShort, "reads of " + size);
    }
  }

  /** A reader of {@code body} that receives at most {@code maxRead} bytes a read. */
  private static JsonByteReader reader(byte[] body, int maxRead) {
    return new JsonByteReader(new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, maxRead));
      }
    });
  }
}
