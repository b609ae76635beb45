package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.TextRenderer;
import dev.mcppolicy.format.Formatter;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.syntax.Parser;
import dev.mcppolicy.testing.Golden;
import dev.mcppolicy.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The language's golden cases: {@code cases/**}{@code /X.mcppolicy} beside {@code X.json} (the
 * canonical output, when it compiles) and {@code X.err} (the diagnostics as text, when there are
 * any). Files under a folder named {@code modules} are imported by cases, not cases themselves.
 * Every case that parses also runs the round-trip properties. Regenerate with
 * {@code -Dgolden.update=true}.
 */
class GoldenCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases");
  static final Path SAMPLES = Path.of("../samples");

  static CompileOptions options(Path workingDirectory, Path root) {
    return CompileOptions.defaults().withWorkingDirectory(workingDirectory.toAbsolutePath()).withRoot(root.toAbsolutePath());
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> files = Files.walk(CASES)) {
      return files.filter(p -> p.toString().endsWith(".mcppolicy"))
          .filter(p -> !CASES.relativize(p).toString().replace('\\', '/').matches("(.*/)?modules/.*"))
          .sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicNode> languageCases() throws IOException {
    return cases().stream().map(file -> {
      String name = CASES.relativize(file).toString().replace('\\', '/');
      return DynamicContainer.dynamicContainer(name, caseTests(file, options(CASES, CASES)));
    });
  }

  @TestFactory
  Stream<DynamicNode> samples() throws IOException {
    try (Stream<Path> dirs = Files.list(SAMPLES)) {
      List<Path> policies = dirs.filter(Files::isDirectory).sorted()
          .map(d -> d.resolve("policy.mcppolicy")).filter(Files::exists).toList();
      assertTrue(policies.size() >= 3, "samples/odoo, samples/github and samples/stripe are expected");
      return policies.stream().map(policy -> DynamicContainer.dynamicContainer(
          SAMPLES.relativize(policy).toString(), sampleTests(policy)));
    }
  }

  private static Stream<DynamicTest> sampleTests(Path policy) {
    CompileOptions options = options(SAMPLES, policy.getParent());
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("compiles clean to the golden policy.json", () -> {
      CompileResult result = PolicyCompiler.compile(policy, options);
      assertEquals(List.of(), result.diagnostics().stream().map(d -> new TextRenderer(false).render(d)).toList());
      Golden.assertMatches(policy.resolveSibling("policy.json"), PolicyJson.canonical(result.document().orElseThrow()));
    }));
    tests.addAll(properties(policy, options));
    return tests.stream();
  }

  static Stream<DynamicTest> caseTests(Path file, CompileOptions options) {
    Path json = sibling(file, ".json");
    Path err = sibling(file, ".err");
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("golden output", () -> {
      CompileResult result = PolicyCompiler.compile(file, options);
      String diagnostics = new TextRenderer(false).render(result.diagnostics());
      if (result.document().isPresent()) {
        Golden.assertMatches(json, PolicyJson.canonical(result.document().get()));
      } else {
        assertFalse(Files.exists(json) && !Golden.updating(), json + " exists but the case no longer compiles");
        Files.deleteIfExists(json);
      }
      if (!diagnostics.isEmpty()) {
        Golden.assertMatches(err, diagnostics);
      } else {
        assertFalse(Files.exists(err) && !Golden.updating(), err + " exists but the case has no diagnostics");
        Files.deleteIfExists(err);
      }
    }));
    tests.addAll(properties(file, options));
    return tests.stream();
  }

  /** The round-trip properties of the issue, for one source file. */
  static List<DynamicTest> properties(Path file, CompileOptions options) {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("compiling twice gives the same bytes", () -> {
      CompileResult a = PolicyCompiler.compile(file, options);
      CompileResult b = PolicyCompiler.compile(file, options);
      assertEquals(a.document().map(PolicyJson::canonical), b.document().map(PolicyJson::canonical));
      assertEquals(render(a), render(b));
    }));
    tests.add(DynamicTest.dynamicTest("canonical JSON reads back to the same bytes", () -> {
      CompileResult result = PolicyCompiler.compile(file, options);
      if (result.document().isPresent()) {
        String canonical = PolicyJson.canonical(result.document().get());
        PolicyJson.LoadResult back = PolicyJson.read(canonical);
        assertEquals(List.of(), back.problems());
        assertEquals(canonical, PolicyJson.canonical(back.document().orElseThrow()));
        assertEquals(result.document().get(), back.document().get());
      }
    }));
    tests.add(DynamicTest.dynamicTest("format is idempotent, keeps the tree and the output", () -> {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      SourceFile source = new SourceFile(file.toString(), text);
      Diagnostics sink = new Diagnostics();
      var formatted = Formatter.format(source, sink);
      if (formatted.isEmpty()) {
        assertTrue(sink.hasErrors(), "format gave nothing without reporting why");
        return;
      }
      var again = Formatter.format(new SourceFile(file.toString(), formatted.get()), new Diagnostics());
      assertEquals(formatted, again, "formatting twice changed the text");
      var before = Parser.parse(source, new Diagnostics()).unit();
      var after = Parser.parse(new SourceFile(file.toString(), formatted.get()), new Diagnostics()).unit();
      assertEquals(Trees.normalize(before), Trees.normalize(after), "parse -> format -> parse changed the tree");
      CompileResult original = PolicyCompiler.compile(file, options);
      CompileResult reformatted = PolicyCompiler.compile(file, formatted.get(), options);
      assertEquals(original.document().map(PolicyJson::canonical), reformatted.document().map(PolicyJson::canonical),
          "formatting changed what the file compiles to");
    }));
    return tests;
  }

  private static String render(CompileResult r) {
    return new TextRenderer(false).render(r.diagnostics());
  }

  static Path sibling(Path file, String extension) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - ".mcppolicy".length()) + extension);
  }

  @Test
  void noOrphanedGoldenFiles() throws IOException {
    List<String> orphans = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CASES)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".err")).toList()) {
        String name = p.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        if (!Files.exists(p.resolveSibling(base + ".mcppolicy"))) {
          orphans.add(p.toString());
        }
      }
    }
    assertEquals(List.of(), orphans, "golden files without a case");
  }
}
