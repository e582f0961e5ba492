package dev.stockticker.polygon;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * How the connector talks to Polygon (Massive), whatever the endpoint: one request chain at a time,
 * page by page along {@code next_url}, each page read by the endpoint's {@link PageReader}.
 *
 * <p>The key travels only in the {@code Authorization} header, never in a URL, so it cannot leak
 * through logs or {@code next_url}; a {@code next_url} must keep the configured origin. Every
 * request is paced, retried on 429, 5xx, network failures and unparsable bodies with exponential
 * backoff and jitter, and never retried on 400/401/403. While unpaced, the first requests of the
 * next request chains may be sent ahead ({@link #prefetch}), never more than {@code
 * maxConcurrentRequests} in flight in all; they are still taken over and read one at a time, in
 * order, so what the caller sees does not depend on how many were in flight.
 */
public final class Transport {
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final OkHttpClient http;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Pacer pacer;
  private final WaitListener waitListener;
  private final Random jitter;
  private final int maxConcurrentRequests;
  private int requestCount;
  /** Requests sent ahead, by URL, in the order they were sent. */
  private final Map<HttpUrl, Prefetch> prefetched = new LinkedHashMap<>();
  /**
   * One permit per request in flight, from its sending to the arrival of its answer's headers:
   * requests sent ahead take one if there is one free, a request needed now waits for one. So
   * Polygon never has more than {@code maxConcurrentRequests} of this run's requests at once.
   */
  private final Semaphore inFlight;

  /**
   * How patient to be: the retry policy, the configured requests per minute (null for none), how
   * many requests may be in flight at once, how to wait, who is told of waits, and the
   * randomness that spreads retries.
   */
  public record Patience(RetryPolicy retry, Integer requestsPerMinute, int maxConcurrentRequests,
      Sleeper sleeper, WaitListener waitListener, Random jitter) {}

  public Transport(HttpUrl baseUrl, String apiKey, OkHttpClient http, Clock clock,
      Patience patience) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.http = http;
    this.clock = clock;
    this.retryPolicy = patience.retry();
    this.sleeper = patience.sleeper();
    this.pacer = new Pacer(patience.requestsPerMinute(), clock, patience.sleeper());
    this.waitListener = patience.waitListener();
    this.jitter = patience.jitter();
    this.maxConcurrentRequests = patience.maxConcurrentRequests();
    this.inFlight = new Semaphore(maxConcurrentRequests);
  }

  /** The configured API origin; endpoints build their URLs on it. */
  HttpUrl baseUrl() {
    return baseUrl;
  }

  /** HTTP requests sent so far, retries included. */
  public int requestCount() {
    return requestCount;
  }

  /**
   * Sends {@code url} now, without waiting for it, so its response is on its way while the caller
   * still reads another: the {@link #fetchAllPages} starting at the same URL takes it over instead
   * of sending its own. Does nothing when {@code maxConcurrentRequests} requests are in flight or
   * as many answers wait to be taken over, when {@code url} is one of them, when only one request
   * may be in flight at all, or while the run is paced: a paced run would have to wait for the
   * turn, and a rate-limited one has no latency to hide. Requests already in flight when a 429
   * comes are still taken over; their own retries then wait their turn like any other.
   */
  void prefetch(HttpUrl url) {
    if (maxConcurrentRequests == 1 || !pacer.unpaced() || prefetched.containsKey(url)
        || prefetched.size() >= maxConcurrentRequests || !inFlight.tryAcquire()) {
      return;
    }
    Call call = http.newCall(request(url));
    CompletableFuture<Response> response = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response arrived) {
        inFlight.release();
        if (!response.complete(arrived)) {
          arrived.close(); // cancelled meanwhile
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        inFlight.release();
        response.completeExceptionally(e);
      }
    });
    prefetched.put(url, new Prefetch(url, call, response));
  }

  /** Abandons every prefetched request nobody took over (each still counts as sent). */
  public void cancelPrefetch() {
    for (Prefetch abandoned : prefetched.values()) {
      requestCount++;
      abandon(abandoned);
    }
    prefetched.clear();
  }

  /** Cancels a prefetched call and closes its response, whether it came already or comes later. */
  private static void abandon(Prefetch prefetch) {
    prefetch.call().cancel();
    prefetch.response().cancel(false);
    prefetch.response().thenAccept(Response::close);
  }

  private boolean isPrefetched(HttpUrl url) {
    return prefetched.containsKey(url);
  }

  /** A request sent before it was needed, and its response to come. */
  private record Prefetch(HttpUrl url, Call call, CompletableFuture<Response> response) {}

  /**
   * Fetches {@code first} and every page its next_url chain leads to, each read by {@code reader};
   * {@code what} names the request in messages ("AAPL", "grouped daily bars of 2024-03-11").
   */
  void fetchAllPages(HttpUrl first, String what, PageReader reader, PageListener listener) {
    HttpUrl url = first;
    while (url != null) {
      String next = fetchWithRetries(url, what, reader, listener);
      listener.onPageEnd();
      url = next == null ? null : sameOriginOrThrow(next, what);
    }
  }

  private HttpUrl sameOriginOrThrow(String nextUrl, String what) {
    HttpUrl next = HttpUrl.parse(nextUrl);
    if (next == null
        || !next.scheme().equals(baseUrl.scheme())
        || !next.host().equalsIgnoreCase(baseUrl.host())
        || next.port() != baseUrl.port()) {
      String shown = next == null ? "an unparsable URL" : next.scheme() + "://" + next.host()
          + ":" + next.port();
      throw new PolygonException(PolygonException.Kind.UNSAFE_NEXT_URL, 0, null,
          String.format("Polygon's next_url for %s points to %s, not to the configured %s; "
                  + "refusing to follow it so the API key is not sent elsewhere.",
              what, shown, HttpFailures.origin(baseUrl)),
          false, null);
    }
    return next;
  }

  /** Fetches one page, retrying what a retry may fix; returns its next_url or null. */
  private String fetchWithRetries(HttpUrl url, String what, PageReader reader,
      PageListener listener) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      PolygonException failure;
      Duration retryAfter = null;
      try {
        if (!isPrefetched(url)) { // a prefetched request has had its turn
          pacer.awaitTurn(waitListener);
        }
        return fetchPage(url, what, reader, listener);
      } catch (HttpFailures.RetryAfterException e) {
        failure = e.failure;
        retryAfter = e.retryAfter;
      } catch (PolygonException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PolygonException(PolygonException.Kind.NETWORK, 0, null,
            "Interrupted while waiting to call Polygon for " + what, false, e);
      }
      if (!failure.retryable() || attempt >= retryPolicy.maxAttempts()) {
        throw failure;
      }
      if (failure.kind() == PolygonException.Kind.RATE_LIMITED) {
        pacer.onRateLimited();
      }
      Duration wait = retryAfter != null ? retryAfter : withJitter(retryPolicy.backoff(attempt));
      if (waited.plus(wait).compareTo(retryPolicy.maxTotalWait()) > 0) {
        throw failure;
      }
      waited = waited.plus(wait);
      Instant until = clock.instant().plus(wait);
      waitListener.onWait(
          String.format("%s (attempt %d of %d)", failure.getMessage(), attempt,
              retryPolicy.maxAttempts()),
          wait, until, failure.kind() == PolygonException.Kind.RATE_LIMITED);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /** Equal jitter: half to all of the backoff, so clients that failed together spread out. */
  private Duration withJitter(Duration backoff) {
    long half = backoff.toMillis() / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : (long) (jitter.nextDouble() * half)));
  }

  private String fetchPage(HttpUrl url, String what, PageReader reader,
      PageListener listener) {
    String requestName = "GET " + url.encodedPath()
        + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    requestCount++;
    try (Response response = takePrefetched(url)) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw HttpFailures.of(response, body, what, requestName, clock);
      }
      listener.onResponse();
      try (InputStream in = body.byteStream()) {
        return reader.read(in, requestName);
      } catch (PageParser.MalformedBodyException e) {
        throw PolygonException.badResponse(what, requestName,
            (e.cutShort ? "the body was cut short (" : "the body is not valid JSON (")
                + e.getMessage() + ")", e);
      }
    } catch (PolygonException e) {
      throw e;
    } catch (IOException e) {
      throw new PolygonException(PolygonException.Kind.NETWORK, 0, null,
          String.format("Could not reach Polygon at %s for %s (%s): %s", HttpFailures.origin(url),
              what, requestName, describe(e)),
          true, e);
    }
  }

  private Request request(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json").build();
  }

  /**
   * The prefetched response for {@code url} if there is one, else a response fetched now. A
   * prefetched request that got no answer at all (it may have waited past the call timeout while
   * the previous ticker was being retried) is sent again at once instead of spending an attempt.
   */
  private Response takePrefetched(HttpUrl url) throws IOException {
    Prefetch taken = prefetched.remove(url);
    if (taken != null) {
      try {
        return taken.response().get();
      } catch (ExecutionException noAnswer) {
        requestCount++; // the prefetched request counted already; the new one counts too
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandon(taken);
        throw new InterruptedIOException("interrupted while waiting for a prefetched response");
      }
    }
    try {
      inFlight.acquire(); // until a request sent ahead has its answer, if all permits are out
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to send a request");
    }
    try {
      return http.newCall(request(url)).execute();
    } finally {
      inFlight.release();
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

}
