package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.protocol.LogLevel;
import dev.stockticker.protocol.MessageWriter;
import dev.stockticker.protocol.RecordData;
import dev.stockticker.protocol.StreamStatus;

/**
 * A stream's view of the output: its records, its STATE messages carrying only its own blob with
 * the count of records since the previous one, and log lines.
 */
public final class StreamOutput {
  private final String stream;
  private final MessageWriter out;
  private JsonNode lastState;
  private long recordsSinceState;
  private long recordsTotal;

  StreamOutput(String stream, MessageWriter out) {
    this.stream = stream;
    this.out = out;
  }

  /** Emits one record; the first one also says the stream is RUNNING. */
  public void record(RecordData data) {
    if (recordsTotal == 0) {
      out.streamStatus(stream, StreamStatus.RUNNING);
    }
    out.record(stream, data);
    recordsSinceState++;
    recordsTotal++;
  }

  /** Emits {@code state} if it says something new: a moved cursor, or records not yet counted. */
  public void checkpoint(JsonNode state) {
    if (recordsSinceState > 0 || !state.equals(lastState)) {
      emit(state);
    }
  }

  /** As {@link #checkpoint}, and emits {@code state} anyway if the stream has had no STATE yet. */
  void finalCheckpoint(JsonNode state) {
    if (lastState == null) {
      emit(state);
    } else {
      checkpoint(state);
    }
  }

  private void emit(JsonNode state) {
    out.state(stream, state, recordsSinceState);
    lastState = state;
    recordsSinceState = 0;
  }

  public void log(LogLevel level, String message) {
    out.log(level, message);
  }

  public long recordsTotal() {
    return recordsTotal;
  }
}
