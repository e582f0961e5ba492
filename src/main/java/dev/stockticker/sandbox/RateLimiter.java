package dev.stockticker.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Sliding-window limit: at most {@code max} accepted requests in any {@code window}. Runs on a
 * monotonic nanosecond source, not the market clock, because tests pin the market clock while
 * still needing the window to elapse.
 */
final class RateLimiter {
    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    RateLimiter(int max, Duration window, LongSupplier nanoTime) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit needs max >= 1 and a positive window");
        }
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Records the request if allowed and returns 0; otherwise returns the whole seconds (>= 1) until
     * a slot frees up. Rejected requests don't consume a slot, so a client that backs off recovers.
     */
    synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= windowNanos) accepted.pollFirst();
        if (accepted.size() < max) {
            accepted.addLast(now);
            return 0;
        }
        long waitNanos = accepted.peekFirst() + windowNanos - now;
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
