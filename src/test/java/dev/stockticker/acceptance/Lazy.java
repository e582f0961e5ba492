package dev.stockticker.acceptance;

import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * A value computed once, on first use, shared by the checks of an entry: several checks look at
 * the same connector run, and running the jar once per check would multiply the suite's time. A
 * failure or skip is remembered, so every check that needs the value reports the same cause.
 */
final class Lazy<T> implements Supplier<T> {
  private Supplier<T> init;
  private T value;
  private RuntimeException aborted;
  private Throwable failure;

  Lazy(Supplier<T> init) {
    this.init = init;
  }

  @Override
  public synchronized T get() {
    if (init != null) {
      Supplier<T> once = init;
      init = null;
      try {
        value = once.get();
      } catch (TestAbortedException e) {
        aborted = e;
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
    if (aborted != null) {
      throw aborted;
    }
    if (failure != null) {
      throw new AssertionError(failure.getMessage(), failure);
    }
    return value;
  }
}
