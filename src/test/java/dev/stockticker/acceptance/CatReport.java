package dev.stockticker.acceptance;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Turns checks into dynamic tests that also print one line each, {@code CAT <section> <check>:
 * PASS|FAIL|SKIP (...)}, and counts them for a summary: the lines read like CAT's own report, so
 * an offline run and a Docker run can be compared side by side.
 */
final class CatReport {
  /** Runs a check; returns a note for the PASS line, or null. */
  interface Body {
    String run() throws Exception;
  }

  private final String name;
  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final long started = System.nanoTime();

  /** {@code name} says in the summary which checks it counts. */
  CatReport(String name) {
    this.name = name;
  }

  /** A check of {@code section}; {@code context} names the test entry it belongs to. */
  DynamicTest check(String section, String check, String context, Body body) {
    return DynamicTest.dynamicTest(check, () -> {
      String prefix = "CAT " + section + " " + check;
      String note;
      try {
        note = body.run();
      } catch (TestAbortedException skip) {
        skipped.incrementAndGet();
        System.out.println(prefix + ": SKIP (" + skip.getMessage() + ")");
        throw skip;
      } catch (Throwable failure) {
        failed.incrementAndGet();
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        System.out.println(prefix + ": FAIL (" + context + ") " + message.replace("\n", " | "));
        throw new AssertionError(prefix + " failed (" + context + "): " + message, failure);
      }
      passed.incrementAndGet();
      String detail = context + (note == null || note.isEmpty() ? "" : "; " + note);
      System.out.println(prefix + ": PASS" + (detail.isEmpty() ? "" : " (" + detail + ")"));
    });
  }

  DynamicTest skip(String section, String check, String reason) {
    return check(section, check, "", () -> {
      throw new TestAbortedException(reason);
    });
  }

  void printSummary() {
    System.out.printf("CAT %s summary: %d checks, %d passed, %d failed, %d skipped in %.1f s%n",
        name, passed.get() + failed.get() + skipped.get(), passed.get(), failed.get(),
        skipped.get(), (System.nanoTime() - started) / 1e9);
  }
}
