package dev.stockticker.sync;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several parts of a read failed (streams of a read, or tickers of a stream) while the others
 * went on; {@link Failures} makes one error of it that names each part with its reason.
 */
final class PartsFailedException extends RuntimeException {
  /** A part (a stream, a ticker) and what stopped it. */
  record Part(String name, RuntimeException error) {}

  private final String summary;
  private final List<Part> parts;

  /** @param summary the sentence the error starts with, saying what went on and what did not */
  PartsFailedException(String summary, List<Part> parts) {
    super(parts.stream().map(Part::name).collect(Collectors.joining(", ")), null, false, false);
    this.summary = summary;
    this.parts = List.copyOf(parts);
  }

  String summary() {
    return summary;
  }

  List<Part> parts() {
    return parts;
  }
}
