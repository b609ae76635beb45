package dev.mcppolicy.trace;

/** A line of a trace that could not be used: {@code FILE:LINE: message}. */
public record TraceProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
