package dev.mcppolicy.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * import --catalog: selectors and presets recovered where they are exact. Golden cases are
 * {@code import/X.mcppolicy} (a policy over a stdlib catalog), compiled, imported with that
 * catalog, and compared with {@code import/X.imported}; every import compiles back to the same
 * bytes. Regenerate with {@code -Dgolden.update=true}.
 */
class SelectorRecoveryTest {
  private static final Path DIR = Path.of("src/test/resources/import");
  private static final Path WHERE = Path.of("target/import-test/imported.mcppolicy");
  private static final Pattern SERVER = Pattern.compile("import \"(std/servers/[a-z0-9-]+)\"");

  /** The stdlib catalog a source imports; empty when it imports none. */
  static Optional<String> serverOf(Path source) throws IOException {
    Matcher m = SERVER.matcher(Files.readString(source, StandardCharsets.UTF_8));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Imports {@code document} bound to {@code catalog} and checks, independently of the import's own check, that it round-trips. */
  static String importedRoundTrips(PolicyDocument document, String what, String catalog) {
    PolicyImport.Result r = PolicyImport.checked(document, what, WHERE, catalog);
    assertEquals(List.of(), r.problems(), what);
    String source = r.source().orElseThrow();
    CompileResult back = PolicyCompiler.compile(WHERE.toAbsolutePath(), source,
        CompileOptions.defaults().withWorkingDirectory(WHERE.toAbsolutePath().getParent()));
    // the document's own meaning may draw lints (E7xx); nothing else
    assertEquals(List.of(), back.diagnostics().stream().filter(d -> !d.code().name().startsWith("E7")).toList(),
        what + "\n" + source);
    assertEquals(PolicyJson.canonical(document), PolicyJson.canonical(back.document().orElseThrow()), what + "\n" + source);
    return source;
  }

  @TestFactory
  Stream<DynamicTest> goldenRecoveries() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(DIR)) {
      sources = files.filter(p -> p.toString().endsWith(".mcppolicy")).sorted().toList();
    }
    assertEquals(6, sources.size(), "class, risk, glob, recommended, read-only, extras");
    return sources.stream().map(source -> DynamicTest.dynamicTest(source.getFileName().toString(), () -> {
      CompileResult compiled = PolicyCompiler.compile(source, CompileOptions.defaults().withWorkingDirectory(DIR.toAbsolutePath()));
      assertEquals(List.of(), compiled.diagnostics().stream().filter(d -> !d.code().name().startsWith("E7")).toList());
      String catalog = serverOf(source).orElseThrow();
      String imported = importedRoundTrips(compiled.document().orElseThrow(), source.getFileName().toString(), catalog);
      Golden.assertMatches(Path.of(source.toString().replace(".mcppolicy", ".imported")), imported);
    }));
  }

  /**
   * Generated documents over a real catalog, shaped as policies over it are (most tools of a
   * class answered alike, some named otherwise, class-wide limits under the names the compiler
   * gives, tools the catalog lacks), import bound to it and compile back to the same bytes.
   */
  @Property(tries = 60)
  void generatedDocumentsOverACatalogRoundTrip(@ForAll long seed) {
    Random random = new Random(seed);
    String[][] git = {
        {"git_status", "read"}, {"git_diff_unstaged", "read"}, {"git_diff_staged", "read"}, {"git_diff", "read"},
        {"git_log", "read"}, {"git_show", "read"}, {"git_branch", "read"}, {"git_commit", "write"}, {"git_add", "write"},
        {"git_create_branch", "write"}, {"git_checkout", "write"}, {"git_init", "write"}, {"git_reset", "destructive"},
        {"git lfs push", "extra"}, {"tool", "extra"}};
    Map<String, Integer> classAnswer = new LinkedHashMap<>();
    for (String c : List.of("read", "write", "destructive", "extra")) {
      classAnswer.put(c, random.nextInt(5));
    }
    List<String> hide = new ArrayList<>();
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    for (String[] tool : git) {
      String name = tool[0];
      int answer = random.nextInt(4) == 0 ? random.nextInt(5) : classAnswer.get(tool[1]);
      switch (answer) {
        case 0 -> hide.add(name);
        case 1 -> tools.put(name, ToolPolicy.EMPTY);
        case 2 -> tools.put(name, new ToolPolicy(List.of(), List.of(new Rule(List.of(), Optional.of("ask a person"))), List.of()));
        case 3 -> tools.put(name, ruled(random, name, tool[1]));
        default -> { }
      }
    }
    PolicyDocument document = new PolicyDocument(random.nextBoolean() ? Posture.DENY : Posture.ALLOW, hide,
        random.nextBoolean() ? List.of(new Limit("calls_per_hour", Window.HOUR, 1000)) : List.of(), tools);
    PolicyJson.LoadResult loaded = PolicyJson.read(PolicyJson.canonical(document).getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), loaded.problems(), "seed " + seed);
    importedRoundTrips(loaded.document().get(), "seed " + seed, "std/servers/git");
  }

  /** A tool with rules and limits: often its class's limit first, under the name the compiler gives it. */
  private static ToolPolicy ruled(Random random, String tool, String toolClass) {
    List<Rule> denyIf = random.nextBoolean() ? List.of()
        : List.of(new Rule(List.of(new Condition("args.repo_path", Op.EXISTS, new JsonBoolean(false))), Optional.empty()));
    List<Limit> limits = new ArrayList<>();
    int n = random.nextInt(3);
    boolean classLimit = random.nextInt(3) > 0;
    for (int i = 0; i < n; i++) {
      Window w = i == 0 ? (toolClass.equals("read") ? Window.MINUTE : Window.HOUR) : Window.DAY;
      long max = i == 0 && classLimit ? (toolClass.equals("read") ? 100 : 30) : 1 + random.nextInt(50);
      String counter = random.nextInt(5) == 0 ? tool + "-own-" + i : n == 1 ? tool + "_rate" : tool + "_rate_" + w.word();
      limits.add(new Limit(counter, w, max));
    }
    if (denyIf.isEmpty() && limits.isEmpty()) {
      return ToolPolicy.EMPTY;
    }
    return new ToolPolicy(List.of(), denyIf, limits);
  }
}
