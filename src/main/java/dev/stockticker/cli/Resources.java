package dev.stockticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.protocol.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON documents packaged in the jar: the spec and the stream definition. */
final class Resources {
  private Resources() {}

  static JsonNode json(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " in the jar");
      }
      return JsonInput.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
