package dev.stockticker.protocol;

/** The failure types of an Airbyte TRACE error; the platform decides whether to retry from them. */
public enum FailureType {
  /** The user must change something (key, ticker, dates, plan) before a retry can succeed. */
  CONFIG_ERROR("config_error"),
  /** Retrying later may succeed (rate limits, 5xx, network). */
  TRANSIENT_ERROR("transient_error"),
  /** A bug in the connector. */
  SYSTEM_ERROR("system_error");

  private final String wireName;

  FailureType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
