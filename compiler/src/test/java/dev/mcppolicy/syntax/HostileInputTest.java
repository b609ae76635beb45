package dev.mcppolicy.syntax;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.format.Formatter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the bytes, the answer is diagnostics or a document: never an exception, a hang or a
 * stack overflow. (Issue 5 adds coverage-guided fuzzing; these are the fixed cases and a seeded
 * random sweep.)
 */
class HostileInputTest {
  @TempDir
  Path dir;

  private CompileResult compileBytes(byte[] bytes) throws Exception {
    Path file = Files.createTempFile(dir, "hostile", ".mcppolicy");
    Files.write(file, bytes);
    return PolicyCompiler.compile(file, CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir));
  }

  private void assertDiagnosed(byte[] bytes) throws Exception {
    CompileResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> compileBytes(bytes));
    assertTrue(r.hasErrors() || r.document().isPresent(), "neither a document nor an error");
  }

  @Test
  void emptyAndWhitespaceOnly() throws Exception {
    assertDiagnosed(new byte[0]);
    assertDiagnosed("   \n\t\r\n".getBytes(StandardCharsets.UTF_8));
    assertDiagnosed("\uFEFF".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void binaryAndInvalidUtf8() throws Exception {
    assertDiagnosed(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe});
    assertDiagnosed(new byte[] {'d', 'e', 'f', (byte) 0xc3});
    assertDiagnosed(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // an encoded surrogate
  }

  @Test
  void deeplyNestedBracketsOfEveryKind() throws Exception {
    for (String open : new String[] {"(", "[", "{"}) {
      assertDiagnosed(("default deny\ntool t { deny if args.a == " + open.repeat(100_000) + " }").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void enormousFilesAndLines() throws Exception {
    assertDiagnosed(("default deny\nallow " + "a".repeat(900_000)).getBytes(StandardCharsets.UTF_8));
    assertDiagnosed(("default deny\n" + "allow a\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8));
    StringBuilder many = new StringBuilder("default deny\ntool t {\n");
    for (int i = 0; i < 20_000; i++) {
      many.append("  deny if args.a").append(i).append(" == ").append(i).append('\n');
    }
    assertDiagnosed(many.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hugeNumbersAndLongSelectors() throws Exception {
    assertDiagnosed("default deny\ntool t { deny if args.a == 1e999999999999 }".getBytes(StandardCharsets.UTF_8));
    assertDiagnosed(("default deny\ntool t limit " + "9".repeat(5000) + "/minute").getBytes(StandardCharsets.UTF_8));
    assertDiagnosed(("default deny\nallow " + "a,".repeat(50_000) + "b").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void seededRandomTokenSoup() throws Exception {
    String[] words = {"default", "deny", "allow", "hide", "tool", "all", "tools", "limit", "10", "/", "minute",
        "per", "grant", "as", "{", "}", "(", ")", "[", "]", ",", ";", "require", "deny if", "args.a", "==",
        "\"s\"", "in", "not", "exists", "matches", "\"(\"", "test", "call", "expect", "x", "at", "after", "5m",
        "import", "\"std/presets/recommended\"", "catalog", "class", "read", "risk", ">=", "high", "*", "\n", "#c\n",
        "\"\\u", "@", "1e3", "-", "."};
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = random.nextInt(60); i < n; i++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertDiagnosed(bytes);
      // the formatter either formats or declines, and formatted text always parses cleanly again
      var source = new SourceFile("soup", text.toString());
      var formatted = Formatter.format(source, new Diagnostics());
      if (formatted.isPresent()) {
        Diagnostics again = new Diagnostics();
        Formatter.format(new SourceFile("soup", formatted.get()), again);
        assertTrue(!again.hasErrors(), "formatting produced text that does not parse: " + formatted.get());
      }
    }
  }
}
