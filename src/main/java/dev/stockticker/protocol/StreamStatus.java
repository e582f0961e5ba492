package dev.stockticker.protocol;

public enum StreamStatus {
  STARTED,
  RUNNING,
  COMPLETE,
  INCOMPLETE
}
