package dev.stockticker.polygon;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the body of one successful page of an endpoint, handing its items to whoever the reader
 * was made for as they are parsed. Each endpoint family has its own; the transport does the rest.
 */
@FunctionalInterface
public interface PageReader {
  /**
   * @param requestName the request, for messages ("GET /v2/aggs/...")
   * @return the page's {@code next_url}, or null on the last page
   * @throws PageParser.MalformedBodyException when the body is not the endpoint's documented shape
   */
  String read(InputStream body, String requestName) throws IOException;
}
