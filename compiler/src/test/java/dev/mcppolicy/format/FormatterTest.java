package dev.mcppolicy.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The canonical layout, pinned by input/output pairs: {@code format/X.mcppolicy} -> {@code X.formatted}. */
class FormatterTest {
  static final Path CASES = Path.of("src/test/resources/format");

  @TestFactory
  Stream<DynamicTest> layouts() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(p -> p.toString().endsWith(".mcppolicy")).sorted().toList().stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Diagnostics sink = new Diagnostics();
            String out = Formatter.format(new SourceFile(p.toString(), Files.readString(p)), sink).orElseThrow();
            String name = p.getFileName().toString().replace(".mcppolicy", ".formatted");
            Golden.assertMatches(p.resolveSibling(name), out);
          }));
    }
  }

  @Test
  void aFileWithErrorsIsNotFormatted() {
    Diagnostics sink = new Diagnostics();
    assertTrue(Formatter.format(new SourceFile("x", "default deny\ntool a limit 5/minutes\n"), sink).isEmpty());
    assertTrue(sink.hasErrors());
  }

  @Test
  void crlfBecomesLfAndAFinalNewlineIsAdded() {
    assertEquals("default deny\nallow a\n",
        Formatter.format(new SourceFile("x", "default deny\r\nallow a"), new Diagnostics()).orElseThrow());
  }
}
