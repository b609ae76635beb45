package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.JsonRenderer;
import dev.mcppolicy.diag.SarifRenderer;
import dev.mcppolicy.diag.TextRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares: how diagnostics look. A picocli mixin. */
final class Reporting {
  enum Format { text, json, sarif }

  enum Color { auto, always, never }

  @Option(names = "--diagnostics", paramLabel = "FORMAT", defaultValue = "text",
      description = "How diagnostics are printed on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal).")
  Color color = Color.auto;

  @Option(names = "--stacktrace", description = "Print the stack trace of an internal error.")
  boolean stacktrace;

  /** With json or sarif: everything the run reports, printed as one document when it ends. */
  private final List<Diagnostic> document = new ArrayList<>();

  /** Prints diagnostics in text, with a summary line; with json or sarif, keeps them for the document. */
  void print(List<Diagnostic> diagnostics, PrintWriter err, String summary) {
    if (format != Format.text) {
      document.addAll(diagnostics);
      return;
    }
    err.print(new TextRenderer(useColor()).render(diagnostics));
    if (summary != null) {
      err.println(summary);
    }
    err.flush();
  }

  /**
   * A problem with no place in a policy source (a file that cannot be read, a bad trace line, an
   * output that cannot be written): {@code line} as it is in text, a diagnostic of {@code code} in
   * the document.
   */
  void problem(PrintWriter err, Code code, String line) {
    if (format == Format.text) {
      err.println(line);
      err.flush();
    } else {
      document.add(Diagnostic.of(code, line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line));
    }
  }

  /**
   * A problem the library found with an input or an output, or a warning about a run: in the
   * document, the diagnostic as it is; in text, one line: {@code FILE:LINE: reason} for a trace
   * line (traces.md), {@code mcppolicy: reason} for an error with no place, a warning as it is.
   */
  void problem(PrintWriter err, Diagnostic d) {
    if (format == Format.text) {
      err.println(d.location().map(l -> l.file().name() + ":" + l.span().line() + ": ").orElse(d.isError() ? PREFIX : "")
          + d.message());
      err.flush();
    } else {
      document.add(d);
    }
  }

  /** A line for people (counts, what was updated): text only, never part of the document. */
  void summary(PrintWriter err, String line) {
    if (format == Format.text) {
      err.println(line);
      err.flush();
    }
  }

  boolean text() {
    return format == Format.text;
  }

  /** With json or sarif, the run's one document on stderr, empty when it reported nothing. */
  void finish(PrintWriter err) {
    switch (format) {
      case json -> err.print(JsonRenderer.render(document));
      case sarif -> err.print(SarifRenderer.render(document, Version.get()));
      case text -> {
        return;
      }
    }
    document.clear();
    err.flush();
  }

  private static final String PREFIX = "mcppolicy: ";

  private boolean useColor() {
    return switch (color) {
      case always -> true;
      case never -> false;
      case auto -> System.console() != null && System.getenv("NO_COLOR") == null
          && !"dumb".equals(System.getenv("TERM"));
    };
  }

  static String counts(long errors, long warnings) {
    return plural(errors, "error") + ", " + plural(warnings, "warning");
  }

  static String plural(long n, String word) {
    return dev.mcppolicy.report.Words.plural(n, word);
  }
}
