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
    /** A body that is not the documented JSON shape. */
    BAD_RESPONSE,
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

  /** A 200 whose body is not the documented aggregates shape; {@code problem} says how. */
  static PolygonException badResponse(String what, String requestName, String problem,
      boolean retryable, Throwable cause) {
    return new PolygonException(Kind.BAD_RESPONSE, 200, null,
        String.format("Polygon's response for %s (%s) is not the documented shape: %s", what,
            requestName, problem),
        retryable, cause);
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
