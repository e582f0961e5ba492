package dev.stockticker.sync;

import java.util.List;
import java.util.stream.Collectors;

/** More than one stream of a read failed; each was marked INCOMPLETE and the others went on. */
final class StreamsFailedException extends RuntimeException {
  /** A stream and what stopped it. */
  record StreamFailure(String stream, RuntimeException error) {}

  private final List<StreamFailure> failures;

  StreamsFailedException(List<StreamFailure> failures) {
    super(failures.stream().map(StreamFailure::stream).collect(Collectors.joining(", ")), null,
        false, false);
    this.failures = List.copyOf(failures);
  }

  List<StreamFailure> failures() {
    return failures;
  }
}
