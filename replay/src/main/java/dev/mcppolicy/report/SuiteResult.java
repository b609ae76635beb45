package dev.mcppolicy.report;

import java.util.List;

/** A file's results: the test blocks of a policy or test file, or the expectations of a trace. */
public record SuiteResult(String name, String file, List<CaseResult> cases, List<String> warnings) {
  public SuiteResult {
    cases = List.copyOf(cases);
    warnings = List.copyOf(warnings);
  }

  public long failures() {
    return cases.stream().filter(c -> c.failure().isPresent()).count();
  }

  public long errors() {
    return cases.stream().filter(c -> c.error().isPresent()).count();
  }

  public boolean passed() {
    return cases.stream().allMatch(CaseResult::ok);
  }
}
