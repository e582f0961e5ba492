package dev.stockticker.polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * What an unsuccessful HTTP answer means: the {@link PolygonException} kind of its status, with
 * Polygon's own {@code error} or {@code message} when the body has one, and a 429's Retry-After.
 */
final class HttpFailures {
  private static final JsonFactory JSON = new JsonFactory();

  private HttpFailures() {}

  /** The failure an unsuccessful response stands for, with Polygon's own explanation in it. */
  static RuntimeException of(Response response, ResponseBody body, String what,
      String requestName, Clock clock) throws IOException {
    int code = response.code();
    String text = readAtMost(body, 16 * 1024); // a proxy's HTML page can be large
    String apiMessage = apiMessage(text);
    String detail = apiMessage != null ? apiMessage : abbreviate(text);
    String message = String.format("Polygon answered HTTP %d for %s (%s at %s): %s", code, what,
        requestName, origin(response.request().url()), detail);
    if (code == 401) {
      return new PolygonException(PolygonException.Kind.UNAUTHORIZED, code, apiMessage, message,
          false, null);
    }
    if (code == 403) {
      return new PolygonException(PolygonException.Kind.NOT_AUTHORIZED, code, apiMessage, message,
          false, null);
    }
    if (code == 429) {
      PolygonException failure = new PolygonException(PolygonException.Kind.RATE_LIMITED, code,
          apiMessage, message, true, null);
      Duration retryAfter = retryAfter(response.header("Retry-After"), clock);
      return retryAfter == null ? failure : new RetryAfterException(failure, retryAfter);
    }
    if (code >= 500) {
      return new PolygonException(PolygonException.Kind.SERVER_ERROR, code, apiMessage, message,
          true, null);
    }
    return new PolygonException(PolygonException.Kind.BAD_REQUEST, code, apiMessage, message,
        false, null);
  }

  private static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException unparsable) {
        return null;
      }
    }
  }

  private static String apiMessage(String body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String error = null;
      String message = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("error")) {
          error = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("message")) {
          message = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      return error != null ? error : message;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String readAtMost(ResponseBody body, long bytes) throws IOException {
    okio.BufferedSource source = body.source();
    source.request(bytes);
    return source.getBuffer().readUtf8(Math.min(bytes, source.getBuffer().size()));
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    if (oneLine.isEmpty()) {
      return "(empty body)";
    }
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  /** Carries a 429's Retry-After from the response to the retry loop. */
  static final class RetryAfterException extends RuntimeException {
    final PolygonException failure;
    final Duration retryAfter;

    RetryAfterException(PolygonException failure, Duration retryAfter) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
      this.retryAfter = retryAfter;
    }
  }
}
