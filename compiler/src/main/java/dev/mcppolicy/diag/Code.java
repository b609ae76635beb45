package dev.mcppolicy.diag;

/**
 * Every diagnostic's stable code. A code names a problem, never its severity (a warning becomes an
 * error under {@code --strict} and keeps its code), and never changes meaning; new problems get new
 * codes. docs/diagnostics.md lists them all.
 */
public enum Code {
  // E0xx: reading and syntax
  E001(Severity.ERROR, "unexpected character"),
  E002(Severity.ERROR, "unterminated string"),
  E003(Severity.ERROR, "invalid escape in a string"),
  E004(Severity.ERROR, "syntax error"),
  E005(Severity.ERROR, "file is not valid UTF-8 text"),
  E006(Severity.ERROR, "file is too large"),
  E007(Severity.ERROR, "nesting is too deep"),
  E008(Severity.WARNING, "too many problems to show"),

  // E1xx: file structure and imports
  E101(Severity.ERROR, "policy has no default"),
  E102(Severity.ERROR, "duplicate declaration"),
  E103(Severity.ERROR, "import after statements"),
  E104(Severity.ERROR, "import not found"),
  E105(Severity.ERROR, "import leaves the project root"),
  E106(Severity.ERROR, "import cycle"),
  E107(Severity.ERROR, "file cannot be read"),
  E108(Severity.ERROR, "invalid default"),
  E109(Severity.ERROR, "imports nested too deeply"),

  // E2xx: tools, selectors, catalogs
  E201(Severity.ERROR, "selector needs a catalog"),
  E202(Severity.ERROR, "'*' outside 'hide *'"),
  E203(Severity.ERROR, "unknown tool"),
  E204(Severity.WARNING, "selector matches nothing"),
  E205(Severity.ERROR, "unknown class"),
  E206(Severity.ERROR, "unknown risk level"),
  E207(Severity.ERROR, "invalid risk comparison"),
  E208(Severity.ERROR, "tool listed twice in a catalog"),
  E209(Severity.WARNING, "tool in two catalogs"),
  E210(Severity.ERROR, "'hide *' cannot be overridden"),
  E211(Severity.WARNING, "unknown tool in a test or trace"),
  E212(Severity.ERROR, "a tool named '*' cannot be hidden"),
  E213(Severity.ERROR, "a blank tool name cannot be hidden"),
  E214(Severity.ERROR, "argument listed twice"),
  E215(Severity.ERROR, "unknown argument type"),
  E216(Severity.WARNING, "condition on an argument the tool does not take"),
  E217(Severity.WARNING, "operator does not apply to the argument's type"),

  // E3xx: rules, conditions and limits
  E301(Severity.ERROR, "invalid limit count"),
  E302(Severity.ERROR, "unknown window"),
  E303(Severity.ERROR, "unsupported scope"),
  E304(Severity.ERROR, "'or' in require"),
  E305(Severity.ERROR, "invalid regex"),
  E306(Severity.ERROR, "ordering needs a number"),
  E307(Severity.ERROR, "'in' needs a list"),
  E308(Severity.ERROR, "'matches' needs a string"),
  E309(Severity.ERROR, "'not' with an operator that has no negation"),
  E310(Severity.ERROR, "invalid argument path"),
  E311(Severity.ERROR, "number out of range"),
  E312(Severity.ERROR, "duplicate key in an object"),
  E313(Severity.ERROR, "condition too large"),
  E314(Severity.ERROR, "compiled policy too large"),

  // E4xx: precedence, conflicts and counters
  E401(Severity.ERROR, "conflicting statements"),
  E402(Severity.ERROR, "conflicting limits"),
  E403(Severity.ERROR, "imports disagree"),
  E404(Severity.ERROR, "counter name used twice"),
  E405(Severity.WARNING, "duplicate statement"),
  E406(Severity.WARNING, "rules without effect"),
  E407(Severity.ERROR, "limits need 'as' names"),

  // E5xx: test blocks
  E501(Severity.ERROR, "invalid instant"),
  E502(Severity.ERROR, "invalid duration"),
  E503(Severity.ERROR, "invalid repeat count"),
  E504(Severity.ERROR, "unknown outcome"),
  E505(Severity.ERROR, "invalid expectation"),
  E506(Severity.ERROR, "duplicate test name"),

  // E6xx: runs (inputs, outputs and results of compile, replay, test and verify)
  E601(Severity.ERROR, "input cannot be used"),
  E602(Severity.ERROR, "nothing to test"),
  E603(Severity.ERROR, "output cannot be written"),
  E604(Severity.WARNING, "run warning"),

  // E7xx: lints, what is wrong with a policy's meaning (docs/diagnostics.md)
  E701(Severity.WARNING, "conditions that cannot all hold"),
  E702(Severity.WARNING, "deny if that never decides"),
  E703(Severity.WARNING, "rules that never decide"),
  E704(Severity.WARNING, "limit that can never bind"),
  E705(Severity.WARNING, "risky tool without limit or condition"),
  E706(Severity.WARNING, "condition that holds always or never"),
  E707(Severity.WARNING, "hide by selector under default allow"),
  E708(Severity.WARNING, "loose comparison");

  private final Severity defaultSeverity;
  private final String title;

  Code(Severity defaultSeverity, String title) {
    this.defaultSeverity = defaultSeverity;
    this.title = title;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** A short, fixed description: the SARIF rule text and the docs' table. */
  public String title() {
    return title;
  }
}
