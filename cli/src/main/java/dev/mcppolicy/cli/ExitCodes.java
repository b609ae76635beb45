package dev.mcppolicy.cli;

/** The exit codes of docs/cli.md. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  private ExitCodes() {}
}
