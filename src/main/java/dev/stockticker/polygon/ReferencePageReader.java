package dev.stockticker.polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a page of a reference endpoint with Jackson's streaming parser: {@code results} is an
 * array of objects (splits, dividends) or one object (ticker details), and {@code next_url} leads
 * to the next page. These endpoints answer a few thousand rows per sync, so a maintained library
 * is worth more here than the speed of the hand-written aggregates parser.
 */
final class ReferencePageReader implements PageReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final String what;
  private final Consumer<ReferenceRow> rows;

  ReferencePageReader(String what, Consumer<ReferenceRow> rows) {
    this.what = what;
    this.rows = rows;
  }

  @Override
  public String read(InputStream body, String requestName) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw PolygonException.badResponse(what, requestName, "the body is not a JSON object",
            null);
      }
      String nextUrl = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("results")) {
          results(parser, value, requestName);
        } else if (field.equals("next_url") && value == JsonToken.VALUE_STRING) {
          nextUrl = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new PageParser.MalformedBodyException("there is more after the body's object",
            false);
      }
      return nextUrl;
    } catch (JsonEOFException e) {
      throw new PageParser.MalformedBodyException(e.getOriginalMessage(), true);
    } catch (StreamReadException e) {
      throw new PageParser.MalformedBodyException(e.getOriginalMessage(), false);
    }
  }

  private void results(JsonParser parser, JsonToken value, String requestName)
      throws IOException {
    if (value == JsonToken.START_OBJECT) {
      rows.accept(row(parser));
    } else if (value == JsonToken.START_ARRAY) {
      JsonToken item;
      while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (item != JsonToken.START_OBJECT) {
          throw PolygonException.unexpectedShape(what, requestName,
              "an element of \"results\" is not an object");
        }
        rows.accept(row(parser));
      }
    } else if (value != JsonToken.VALUE_NULL) {
      throw PolygonException.unexpectedShape(what, requestName,
          "\"results\" is neither an array nor an object");
    }
  }

  /** The scalar fields of the object whose START_OBJECT was just read. */
  private static ReferenceRow row(JsonParser parser) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case VALUE_STRING -> fields.put(name, parser.getText());
        // The number's own text: Polygon's digits pass through unchanged.
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.put(name, JsonNumber.of(parser.getText()));
        case VALUE_TRUE, VALUE_FALSE -> fields.put(name, value == JsonToken.VALUE_TRUE);
        default -> parser.skipChildren();
      }
    }
    return new ReferenceRow(fields);
  }
}
