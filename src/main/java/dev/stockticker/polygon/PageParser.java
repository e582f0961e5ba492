package dev.stockticker.polygon;

import dev.stockticker.json.JsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one aggregates response ({@code {"results":[{bar}, ...], "next_url": ..., ...}}) from a
 * stream, handing each bar to the handler as soon as its closing brace is read.
 *
 * <p>A strict JSON reader written for this one shape rather than Jackson: bars are nearly all of a
 * read's input, and a general parser's per-token bookkeeping (symbol tables, text buffers, number
 * conversions) was half of the connector's CPU per record. Here a bar's field names are compared
 * as bytes and its numbers are kept as the ASCII text Polygon sent. It still checks the whole of
 * RFC 8259's grammar for every value it reads or skips, and that nothing but whitespace follows
 * the body's object, so a body Jackson would reject is rejected here too; {@code PageParserTest}
 * compares the two on generated and damaged documents.
 *
 * <p>Three parts: {@link JsonByteReader} reads JSON and knows no page; {@link BarReader} reads a
 * bar by {@link BarField}'s one list of fields; this class reads the page around the bars.
 */
final class PageParser {
  private static final byte[] RESULTS = ascii("results");
  private static final byte[] NEXT_URL = ascii("next_url");
  private static final byte[] RESULTS_COUNT = ascii("resultsCount");

  private final JsonByteReader json;
  private final BarReader bars;
  private final String what;
  private final String requestName;

  PageParser(InputStream in, String what, String requestName, String ticker) {
    this.json = new JsonByteReader(in);
    this.bars = new BarReader(json, ticker, what, requestName);
    this.what = what;
    this.requestName = requestName;
  }

  /** Bars the fast path read: for tests, which check that it is the common case. */
  int compactBars() {
    return bars.compactBars();
  }

  /** Body syntax errors: the page is retried, since a proxy or a cut connection may cause them. */
  static final class MalformedBodyException extends IOException {
    final boolean cutShort;

    MalformedBodyException(String message, boolean cutShort) {
      super(message, null);
      this.cutShort = cutShort;
    }
  }

  /** Reads the page; returns its next_url, or null on the last page. */
  String parse(BarHandler handler) throws IOException {
    if (json.skipWhitespace() != '{') {
      throw badResponse("the body is not a JSON object", true);
    }
    json.nextToken(); // the '{', which an empty body would not be
    String nextUrl = null;
    JsonNumber resultsCount = null;
    boolean sawResults = false;
    int c = json.nextToken();
    if (c != '}') {
      while (true) {
        json.readName(c);
        boolean results = json.textIs(RESULTS);
        boolean next = !results && json.textIs(NEXT_URL);
        boolean count = !results && !next && json.textIs(RESULTS_COUNT);
        c = json.nextToken();
        // A second "results" array would be read as well (a tree keeps only the last); bars
        // repeated that way are dropped by the sync like those of a retried page.
        if (results) {
          if (c != '[') {
            json.skipValue(c, 2);
            throw badResponse("\"results\" is not an array", false);
          }
          sawResults = true;
          readResults(handler);
        } else if (next && c == '"') {
          json.readString();
          nextUrl = json.stringValue();
        } else if (count && JsonByteReader.isNumberStart(c)) {
          resultsCount = json.readNumber();
        } else {
          nextUrl = next ? null : nextUrl;
          resultsCount = count ? null : resultsCount;
          json.skipValue(c, 2);
        }
        if (!json.more('}', "',' or '}' after a field of the response")) {
          break;
        }
        c = json.nextToken();
      }
    }
    if (json.skipWhitespace() != JsonByteReader.EOF) { // read to the end: the connection is reused
      throw json.malformed("there is more after the body's object");
    }
    if (!sawResults && resultsCount != null && resultsCount.signum() > 0) {
      throw badResponse("resultsCount is " + resultsCount + " but there is no \"results\" array",
          false);
    }
    return nextUrl;
  }

  private void readResults(BarHandler handler) throws IOException {
    int c = json.nextToken();
    if (c == ']') {
      return;
    }
    while (true) {
      if (c != '{') {
        json.skipValue(c, 3); // broken JSON is retried; a well-formed non-object is not
        throw badResponse("an element of \"results\" is not an object", false);
      }
      handler.onBar(bars.read());
      if (!json.more(']', "',' or ']' between bars")) {
        return;
      }
      c = json.nextToken();
    }
  }

  /** A body that is {@code notJson}, or JSON of another shape than an aggregates page. */
  private PolygonException badResponse(String problem, boolean notJson) {
    return notJson ? PolygonException.badResponse(what, requestName, problem, null)
        : PolygonException.unexpectedShape(what, requestName, problem);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
