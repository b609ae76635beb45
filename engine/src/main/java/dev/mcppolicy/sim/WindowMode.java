package dev.mcppolicy.sim;

/**
 * How limit windows are counted. {@code CALENDAR} is the gateway's (windows aligned to the UTC
 * minute, hour and day); {@code SLIDING} is a what-if where a call counts against the previous
 * window-length of time.
 */
public enum WindowMode {
  CALENDAR, SLIDING
}
