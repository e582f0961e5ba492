package dev.stockticker.protocol;

/**
 * The {@code data} object of a RECORD, written straight to the output: records are the hot path,
 * so they are not built as trees first.
 */
public interface RecordData {
  /** Writes the fields of the data object; the surrounding braces are written by the caller. */
  void writeFields(RecordOutput out);
}
