package dev.stockticker.sync;

import dev.stockticker.polygon.Polygon;
import java.time.Clock;

/**
 * What a stream's read may use.
 *
 * @param stateFile the --state file's name, for errors about its content (null without one)
 * @param splits the configured tickers' splits, shared by the streams of one read
 */
public record SyncContext(Config config, Polygon polygon, Clock clock, String stateFile,
    SplitHistory splits) {
  SyncContext(Config config, Polygon polygon, Clock clock, String stateFile) {
    this(config, polygon, clock, stateFile, new SplitHistory(polygon.reference(),
        config.tickers()));
  }
}
