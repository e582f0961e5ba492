package dev.stockticker.polygon;

/** A request to Polygon that did not give usable bars, after any retries. */
public class PolygonException extends RuntimeException {

  public enum Kind {
    /** 401: the key is wrong or missing. */
    UNAUTHORIZED,
    /** 403: the key is fine but the plan does not cover this request. */
    NOT_AUTHORIZED,
    /** 400 and other 4xx: parameters Polygon rejects, or a base URL that is not Polygon. */
    BAD_REQUEST,
    /** 429 after every retry. */
    RATE_LIMITED,
    /** 5xx after every retry. */
    SERVER_ERROR,
    /** Connection refused or reset, a timeout, a body cut short. */
    NETWORK,
    /** A body that is not JSON, or cut short: a proxy's page, a dropped connection. */
    BAD_RESPONSE,
    /**
     * JSON, but not the documented shape (a bar without a price or a time): retried like an
     * unparsable body, but when retries run out a retry later is not likely to help either.
     */
    UNEXPECTED_SHAPE,
    /** A next_url leading away from the configured host: following it would leak the key. */
    UNSAFE_NEXT_URL
  }

  private final Kind kind;
  private final int status;
  private final String apiMessage;
  private final boolean retryable;

  public PolygonException(Kind kind, int status, String apiMessage, String message,
      boolean retryable, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.apiMessage = apiMessage;
    this.retryable = retryable;
  }

  /** A 200 whose body is not JSON or was cut short; {@code problem} says how. Retryable. */
  static PolygonException badResponse(String what, String requestName, String problem,
      Throwable cause) {
    return new PolygonException(Kind.BAD_RESPONSE, 200, null, shapeMessage(what, requestName,
        problem), true, cause);
  }

  /** A 200 whose JSON is not the endpoint's documented shape; {@code problem} says how. */
  static PolygonException unexpectedShape(String what, String requestName, String problem) {
    return new PolygonException(Kind.UNEXPECTED_SHAPE, 200, null, shapeMessage(what, requestName,
        problem), true, null);
  }

  private static String shapeMessage(String what, String requestName, String problem) {
    return String.format("Polygon's response for %s (%s) is not the documented shape: %s", what,
        requestName, problem);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }

  /** Polygon's own explanation ({@code error} or {@code message}), or null. */
  public String apiMessage() {
    return apiMessage;
  }

  boolean retryable() {
    return retryable;
  }
}
