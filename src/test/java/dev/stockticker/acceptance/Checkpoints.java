package dev.stockticker.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which STATE checkpoints CAT's test_read_sequential_slices resumes from. A port of its
 * _state_messages_selector, kept apart because the arithmetic must match CAT's exactly for the
 * offline verdict to predict the Docker one.
 */
final class Checkpoints {
  private static final int MIN_BATCHES_TO_TEST = 5;

  private Checkpoints() {}

  /** A state checkpoint CAT resumes from, and how many records must come after it. */
  record Checkpoint(JsonNode state, double expected, int index) {}

  /**
   * Collapses consecutive STATEs with the same stream state (summing their
   * sourceStats.recordCount), drops those with a zero count, computes for each how many records
   * follow it, then keeps a sample that skips the first and the last (only the last when fewer
   * than 3).
   */
  static List<Checkpoint> select(List<JsonNode> states) {
    int n = states.size();
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode count = states.get(i).path("sourceStats").path("recordCount");
      if (!count.isNumber()) {
        throw new AssertionError("STATE #" + i + " has no sourceStats.recordCount: "
            + states.get(i));
      }
      counts[i] = count.asDouble();
    }
    List<Integer> unique = new ArrayList<>();
    if (n <= 1) {
      for (int i = 0; i < n; i++) {
        if (counts[i] != 0) {
          unique.add(i);
          counts[i] = 0.0;
        }
      }
    } else {
      int current = 0;
      while (current < n - 1) {
        int next = current + 1;
        while (stateOf(states.get(current)).equals(stateOf(states.get(next))) && next < n - 1) {
          next++;
        }
        double sum = 0;
        for (int i = current; i < next; i++) {
          sum += counts[i];
        }
        counts[current] = sum;
        unique.add(current);
        if (next == n - 1 && !stateOf(states.get(current)).equals(stateOf(states.get(next)))) {
          unique.add(next);
        }
        current = next;
      }
    }
    List<Integer> nonZero = unique.stream().filter(i -> counts[i] != 0)
        .collect(Collectors.toList());
    double total = nonZero.stream().mapToDouble(i -> counts[i]).sum();
    List<Checkpoint> all = new ArrayList<>();
    double consumed = 0;
    for (int index : nonZero) {
      consumed += counts[index];
      all.add(new Checkpoint(states.get(index), total - consumed, index));
    }
    if (all.size() < 3) {
      return all.isEmpty() ? all : List.of(all.get(all.size() - 1));
    }
    int rate = Math.max(1, all.size() / MIN_BATCHES_TO_TEST);
    List<Checkpoint> selected = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i == 0 || i % rate != 0 || i == all.size() - 1) {
        continue;
      }
      selected.add(all.get(i));
    }
    return selected;
  }

  private static JsonNode stateOf(JsonNode state) {
    return state.path("stream").isMissingNode() ? state
        : state.path("stream").path("stream_state");
  }
}
