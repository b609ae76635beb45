package dev.mcppolicy.maven;

import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.TextRenderer;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Diagnostics in the Maven log, in the same {@code file:line:col} form as the command line. */
final class MavenLog {
  private MavenLog() {}

  static void diagnostics(Log log, List<Diagnostic> diagnostics) {
    TextRenderer renderer = new TextRenderer(false);
    for (Diagnostic d : diagnostics) {
      for (String line : renderer.render(d).split("\n")) {
        if (d.isError()) {
          log.error(line);
        } else {
          log.warn(line);
        }
      }
    }
  }

  static String plural(long n, String word) {
    return dev.mcppolicy.report.Words.plural(n, word);
  }
}
