package dev.stockticker.sync;

import dev.stockticker.polygon.Polygon;
import java.time.Clock;

/**
 * What a stream's read may use.
 *
 * @param stateFile the --state file's name, for errors about its content (null without one)
 */
public record SyncContext(Config config, Polygon polygon, Clock clock, String stateFile) {}
