package dev.stockticker.sync;

import dev.stockticker.polygon.PolygonException;
import dev.stockticker.protocol.FailureType;
import dev.stockticker.protocol.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The one place that decides what a failure means to the user and which failure type it has. */
public final class Failures {
  private Failures() {}

  /** What to tell the user, what to tell the platform, and the trace for bug reports. */
  public record Failure(FailureType type, String message, String internalMessage, String stackTrace) {}

  public static Failure classify(Throwable error) {
    if (error instanceof PartsFailedException e) {
      return partsFailed(e);
    }
    if (error instanceof InvalidInputException e) {
      return new Failure(FailureType.CONFIG_ERROR, e.getMessage(), e.getMessage(), null);
    }
    if (error instanceof PolygonException e) {
      return new Failure(typeOf(e), userMessage(e), e.getMessage(), null);
    }
    return new Failure(FailureType.SYSTEM_ERROR,
        "The connector failed unexpectedly (" + error.getClass().getSimpleName()
            + "). Please report this with the logs.",
        String.valueOf(error), stackTrace(error));
  }

  /**
   * One failure for several failed parts, naming each. Its type is the most serious of theirs: a
   * bug before an outage before a setting to fix, so the platform neither blames the user for a
   * bug nor retries what only a user can fix while a bug is also there.
   */
  private static Failure partsFailed(PartsFailedException e) {
    StringBuilder message = new StringBuilder(e.summary());
    StringBuilder internal = new StringBuilder();
    FailureType type = FailureType.CONFIG_ERROR;
    String stackTrace = null;
    for (PartsFailedException.Part part : e.parts()) {
      Failure each = classify(part.error());
      message.append(' ').append(part.name()).append(": ").append(each.message());
      internal.append(internal.length() == 0 ? "" : "; ").append(part.name()).append(": ")
          .append(each.internalMessage());
      if (severity(each.type()) > severity(type)) {
        type = each.type();
      }
      stackTrace = stackTrace != null ? stackTrace : each.stackTrace();
    }
    return new Failure(type, message.toString(), internal.toString(), stackTrace);
  }

  private static int severity(FailureType type) {
    return switch (type) {
      case CONFIG_ERROR -> 0;
      case TRANSIENT_ERROR -> 1;
      default -> 2;
    };
  }

  private static FailureType typeOf(PolygonException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED, NOT_AUTHORIZED, BAD_REQUEST, UNSAFE_NEXT_URL -> FailureType.CONFIG_ERROR;
      case RATE_LIMITED, SERVER_ERROR, NETWORK, BAD_RESPONSE -> FailureType.TRANSIENT_ERROR;
      case UNEXPECTED_SHAPE -> FailureType.SYSTEM_ERROR;
    };
  }

  private static String userMessage(PolygonException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED -> "The API key is invalid: Polygon rejected it with HTTP 401 ("
          + orElse(e.apiMessage(), "Unknown API Key") + "). Check api_key.";
      case NOT_AUTHORIZED -> "Your Polygon plan does not allow this request (HTTP 403): "
          + orElse(e.apiMessage(), "not authorized")
          + " The key itself is valid; narrow start_date or the tickers, or upgrade the plan.";
      case BAD_REQUEST -> e.getMessage() + " Check stock_ticker, the dates and base_url.";
      case RATE_LIMITED -> e.getMessage()
          + " Retries ran out; set requests_per_minute to your plan's limit (5 on the free plan).";
      case BAD_RESPONSE -> e.getMessage()
          + " Retrying later may succeed; if it persists, check that base_url is the Polygon API.";
      case SERVER_ERROR, NETWORK -> e.getMessage()
          + " Retries ran out; retrying later may succeed (a sync resumes where it stopped).";
      case UNEXPECTED_SHAPE -> e.getMessage()
          + " Retries gave the same answer. Please report it with the logs;"
          + " if base_url is not the Polygon API, check it.";
      case UNSAFE_NEXT_URL -> e.getMessage() + " Check base_url.";
    };
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
