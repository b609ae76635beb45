package dev.mcppolicy.report;

import java.util.Optional;

/**
 * One test case: a test block or one expectation of a trace. A failure says what did not hold;
 * an error says why the case could not run (an unreadable trace, say).
 */
public record CaseResult(String name, String className, Optional<String> failure, Optional<String> error,
    String detail, double seconds) {

  public static CaseResult passed(String name, String className, double seconds) {
    return new CaseResult(name, className, Optional.empty(), Optional.empty(), "", seconds);
  }

  public boolean ok() {
    return failure.isEmpty() && error.isEmpty();
  }
}
