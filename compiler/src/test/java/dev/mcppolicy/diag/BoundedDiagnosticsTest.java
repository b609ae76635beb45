package dev.mcppolicy.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnostics stay readable and small whatever the input: at most 100 a file and a summary, and
 * a long source line shown in a window around the caret (a 30 KB line of bad characters once
 * printed 1.35 GB, each diagnostic echoing the whole line).
 */
class BoundedDiagnosticsTest {
  @TempDir
  Path dir;

  private CompileResult compile(String text) throws Exception {
    Path file = Files.writeString(dir.resolve("p.mcppolicy"), text);
    return PolicyCompiler.check(file, CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir));
  }

  @Test
  void aFileShowsAtMostAHundredDiagnosticsThenOneSummary() throws Exception {
    CompileResult r = compile("default deny\n" + "@".repeat(30_000) + "\n");
    List<Diagnostic> ds = r.diagnostics();
    assertEquals(101, ds.size());
    assertEquals(Code.E001, ds.get(99).code());
    Diagnostic last = ds.get(100);
    assertEquals(Code.E008, last.code());
    assertEquals("p.mcppolicy: 29900 more problems are not shown (at most 100 a file): mend these and run again",
        last.message());
    assertEquals(Severity.ERROR, last.severity(), "errors among the hidden keep the summary an error");
    String text = new TextRenderer(false).render(ds);
    assertTrue(text.length() < 40_000, "the rendering is bounded: " + text.length() + " characters");
  }

  @Test
  void hiddenWarningsGiveAWarningSummaryAndHiddenErrorsAnError() {
    SourceFile file = new SourceFile("f.mcppolicy", "x\n");
    Diagnostics warnings = new Diagnostics();
    Diagnostics mixed = new Diagnostics();
    for (int i = 0; i < 2_000; i++) {
      warnings.add(Diagnostic.of(Code.E204, "w" + i, file, Span.at(1, 1, 1)));
      mixed.add(Diagnostic.of(i < 1_500 ? Code.E204 : Code.E001, "m" + i, file, Span.at(1, 1, 1)));
    }
    Diagnostic summary = warnings.sorted().get(100);
    assertEquals("f.mcppolicy: 1900 more problems are not shown (at most 100 a file): mend these and run again",
        summary.message());
    assertEquals(Severity.WARNING, summary.severity());
    assertTrue(mixed.hasErrors(), "an error past what is kept still counts");
    assertEquals(Severity.ERROR, mixed.sorted().get(mixed.sorted().size() - 1).severity());
  }

  @Test
  void aLongLineIsShownInAWindowAroundTheCaret() {
    String line = "x".repeat(500) + "@" + "y".repeat(500);
    SourceFile file = new SourceFile("long.mcppolicy", line + "\n");
    Diagnostic d = Diagnostic.of(Code.E001, "unexpected character '@'", file, Span.at(1, 501, 1));
    String expected = "long.mcppolicy:1:501: error[E001]: unexpected character '@'\n"
        + "    1 | ..." + "x".repeat(40) + "@" + "y".repeat(79) + "...\n"
        + "      |    " + " ".repeat(40) + "^\n";
    assertEquals(expected, new TextRenderer(false).render(d));
  }

  @Test
  void theWindowStaysInsideTheLineAtItsEnds() {
    String line = "@" + "x".repeat(300) + "@";
    SourceFile file = new SourceFile("ends.mcppolicy", line + "\n");
    String atStart = new TextRenderer(false).render(Diagnostic.of(Code.E001, "m", file, Span.at(1, 1, 1)));
    assertEquals("    1 | @" + "x".repeat(119) + "...", atStart.lines().toList().get(1));
    String atEnd = new TextRenderer(false).render(Diagnostic.of(Code.E001, "m", file, Span.at(1, 302, 1)));
    assertEquals("    1 | ..." + "x".repeat(119) + "@", atEnd.lines().toList().get(1));
    assertEquals("      |    " + " ".repeat(119) + "^", atEnd.lines().toList().get(2));
  }
}
