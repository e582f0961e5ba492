package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.util.Collections;
import java.util.Map;

/**
 * One result of a reference endpoint (a split, a dividend, a ticker's details): its scalar fields
 * as Polygon sent them. Numbers keep their text ({@link JsonNumber}); nested objects and arrays
 * (an address, logo URLs) are left out, since no stream uses them. A field that is absent, null or
 * of another type than asked reads as null: every field of these endpoints but one is optional.
 */
public record ReferenceRow(Map<String, Object> fields) {
  public ReferenceRow {
    fields = Collections.unmodifiableMap(fields);
  }

  public String string(String name) {
    return fields.get(name) instanceof String text ? text : null;
  }

  public JsonNumber number(String name) {
    return fields.get(name) instanceof JsonNumber number ? number : null;
  }

  public Boolean bool(String name) {
    return fields.get(name) instanceof Boolean flag ? flag : null;
  }
}
