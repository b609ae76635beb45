package dev.mcppolicy.trace;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import java.util.List;
import java.util.Optional;

/** A line of a trace (or a JSON-RPC log) that could not be used: {@code FILE:LINE: message}. */
public record TraceProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }

  /**
   * The problem as a diagnostic (E601) located at its line; the line itself is not kept (it may
   * be megabytes long), so renderers show no excerpt of it.
   */
  public Diagnostic diagnostic() {
    return new Diagnostic(Code.E601.defaultSeverity(), Code.E601, message,
        Optional.of(new Diagnostic.Location(new SourceFile(file, ""), Span.at(Math.max(1, line), 1, 0))), Optional.empty(), List.of());
  }
}
