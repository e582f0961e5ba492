package dev.stockticker.protocol;

public enum SyncMode {
  FULL_REFRESH("full_refresh"),
  INCREMENTAL("incremental");

  private final String wireName;

  SyncMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Returns the mode with this wire name, or null when there is none. */
  public static SyncMode fromWire(String name) {
    for (SyncMode mode : values()) {
      if (mode.wireName.equals(name)) {
        return mode;
      }
    }
    return null;
  }
}
