package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.JsonRenderer;
import dev.mcppolicy.diag.SarifRenderer;
import dev.mcppolicy.diag.TextRenderer;
import java.io.PrintWriter;
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

  /** Prints diagnostics in the chosen format; text also gets a summary line. */
  void print(List<Diagnostic> diagnostics, PrintWriter err, String summary) {
    switch (format) {
      case json -> err.print(JsonRenderer.render(diagnostics));
      case sarif -> err.print(SarifRenderer.render(diagnostics, Version.get()));
      case text -> {
        err.print(new TextRenderer(useColor()).render(diagnostics));
        if (summary != null) {
          err.println(summary);
        }
      }
    }
    err.flush();
  }

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
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
