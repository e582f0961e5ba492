package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.protocol.SyncMode;
import java.util.List;

/**
 * One stream of the source. Its JSON schema is the resource {@code /schemas/NAME.json}; the
 * {@link SyncRunner} builds its catalog entry and runs its reads. Adding a stream is a class that
 * implements this, its schema, and one line in {@link Streams}.
 */
public interface Stream {
  String name();

  /**
   * The sync modes it supports, in the order the catalog lists them: incremental too exactly
   * when it has a cursor.
   */
  default List<SyncMode> syncModes() {
    return cursorField().isEmpty() ? List.of(SyncMode.FULL_REFRESH)
        : List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL);
  }

  /** The source-defined primary key, as paths of field names. */
  List<List<String>> primaryKey();

  /** The source-defined cursor field; empty for a stream that only supports full refresh. */
  List<String> cursorField();

  /**
   * Prepares a read: parses this stream's own blob of the input state (null when there is none;
   * full refresh ignores it). Invalid state is an {@link
   * dev.stockticker.protocol.InvalidInputException} naming the file and field, thrown before any
   * stream starts.
   */
  Read open(SyncMode mode, JsonNode state, SyncContext context);

  /** One read of a stream. */
  interface Read {
    /** Emits the stream's records and checkpoints; throws whatever stopped it. */
    void run(StreamOutput out);

    /** The stream state covering every record emitted so far, for the last STATE. */
    JsonNode state();

    /** A line for the log once the stream is complete, or null. */
    default String summary() {
      return null;
    }
  }
}
