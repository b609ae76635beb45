package dev.mcppolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the sources: which package may use which, and
 * which Maven module holds which packages. The engine (what a decision needs: json, model, time,
 * sim) uses nothing above it, so a replay job can ship it alone; the compiler uses nothing of the
 * replay; no library package knows the command line or Maven; the adapters reach the fast trace
 * reader only through its factory, and only the trace reader uses its byte scanner.
 */
class ArchitectureTest {
  /** Each library module (its folder) and the packages it holds, from the bottom up. */
  static final Map<String, Set<String>> MODULES = Map.of(
      "engine", Set.of("json", "model", "time", "sim"),
      "compiler", Set.of("diag", "syntax", "compiler", "format", "io"),
      "replay", Set.of("trace", "trace.scan", "report", "run", "diff", "coverage"));
  static final Set<String> ENGINE = MODULES.get("engine");

  /** Each library package and the library packages it may use (besides itself). */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("json", Set.of()),
      Map.entry("time", Set.of()),
      Map.entry("io", Set.of()),
      Map.entry("model", Set.of("json")),
      Map.entry("sim", Set.of("json", "model", "time")),
      Map.entry("diag", Set.of("json")),
      Map.entry("syntax", Set.of("diag", "grammar", "json", "model", "time")),
      Map.entry("compiler", Set.of("diag", "io", "json", "model", "syntax", "time")),
      Map.entry("format", Set.of("compiler", "diag", "json", "model", "syntax")),
      Map.entry("trace", Set.of("diag", "io", "json", "model", "sim", "time", "trace.scan")),
      Map.entry("trace.scan", Set.of("json")),
      Map.entry("report", Set.of("compiler", "json", "model", "sim", "time", "trace")),
      Map.entry("diff", Set.of("compiler", "diag", "io", "json", "model", "report", "run", "sim", "time", "trace")),
      Map.entry("coverage", Set.of("compiler", "io", "model", "report", "sim", "syntax")),
      Map.entry("run", Set.of("compiler", "coverage", "diag", "io", "json", "model", "report", "sim", "syntax", "time",
          "trace")));

  /**
   * The fast trace reader's machinery: the adapters use {@code ParallelTraceReader.open}, never
   * these; {@code trace.scan} is for {@code trace} alone (the table above).
   */
  static final Set<String> INTERNAL = Set.of("trace.scan.LineScanner", "trace.ChunkDecoder", "trace.FastRecord",
      "trace.Prefetching", "trace.LineReader");

  private static final Pattern PACKAGE = Pattern.compile("^package dev\\.mcppolicy\\.([a-z]+(?:\\.[a-z]+)*)", Pattern.MULTILINE);
  private static final Pattern USE = Pattern.compile("dev\\.mcppolicy\\.([a-z]+(?:\\.[a-z]+)*)\\.([A-Z]\\w*)");
  private static final Pattern FOREIGN = Pattern.compile("\\b(picocli|org\\.apache\\.maven)\\.");

  /** What is wrong with one source file, given its text and whether it is library code. */
  static List<String> violations(String name, String source, boolean library) {
    String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    List<String> out = new ArrayList<>();
    Matcher pkg = PACKAGE.matcher(code);
    String own = pkg.find() ? pkg.group(1) : "";
    Matcher use = USE.matcher(code);
    while (use.find()) {
      String target = use.group(1);
      String used = target + "." + use.group(2);
      if (library && !target.equals(own) && !ALLOWED.getOrDefault(own, Set.of()).contains(target)) {
        out.add(name + ": " + own + " uses " + used);
      }
      if (!library && INTERNAL.contains(used)) {
        out.add(name + ": an adapter uses the trace reader's machinery " + used);
      }
    }
    if (library && FOREIGN.matcher(code).find()) {
      out.add(name + ": library code uses picocli or Maven");
    }
    return out;
  }

  private static List<String> check(Path root, boolean library) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        out.addAll(violations(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8), library));
      }
    }
    return out;
  }

  /** The library's sources: the engine, the compiler above it, and the replay above both. */
  static final List<Path> LIBRARY = List.of(Path.of("../engine/src/main/java"), Path.of("../compiler/src/main/java"),
      Path.of("../replay/src/main/java"));

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : LIBRARY) {
      found.addAll(check(root, true));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void theAdaptersReachTheLibraryThroughItsPublicEntryPoints() throws IOException {
    List<String> found = new ArrayList<>(check(Path.of("../cli/src/main/java"), false));
    found.addAll(check(Path.of("../maven-plugin/src/main/java"), false));
    assertEquals(List.of(), found);
  }

  @Test
  void everyLibraryPackageIsInTheTableAndTheEngineModuleHoldsTheEngine() throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path root : LIBRARY) {
      packages.addAll(packages(root));
    }
    assertEquals(new TreeSet<>(ALLOWED.keySet()), packages);
    for (Path root : LIBRARY) {
      String module = root.getParent().getParent().getParent().getFileName().toString();
      assertEquals(new TreeSet<>(MODULES.get(module)), packages(root), module);
    }
    for (String compiler : MODULES.get("compiler")) {
      Set<String> below = new TreeSet<>(ENGINE);
      below.addAll(MODULES.get("compiler"));
      below.add("grammar");
      assertTrue(below.containsAll(ALLOWED.get(compiler)), compiler + " may use only the engine and the compiler");
    }
    for (String engine : ENGINE) {
      assertTrue(ENGINE.containsAll(ALLOWED.get(engine)), engine + " may use only the engine");
    }
  }

  /** The packages under {@code root}'s {@code dev/mcppolicy} that hold sources, as {@code trace.scan}. */
  private static Set<String> packages(Path root) throws IOException {
    Path base = root.resolve("dev/mcppolicy");
    try (Stream<Path> files = Files.walk(base)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .map(f -> base.relativize(f.getParent()).toString().replace('/', '.'))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  /** The test fails when a forbidden use is added: shown on sources written for the purpose. */
  @Test
  void aForbiddenUseIsReported() {
    assertEquals(List.of("Sim.java: sim uses syntax.Parser"),
        violations("Sim.java", "package dev.mcppolicy.sim;\nimport dev.mcppolicy.syntax.Parser;\nclass Sim {}\n", true));
    assertEquals(List.of("Tr.java: trace uses compiler.PolicyCompiler"),
        violations("Tr.java", "package dev.mcppolicy.trace;\nclass Tr { Object o = dev.mcppolicy.compiler.PolicyCompiler.class; }\n", true));
    assertEquals(List.of("Run.java: library code uses picocli or Maven"),
        violations("Run.java", "package dev.mcppolicy.run;\nimport picocli.CommandLine;\nclass Run {}\n", true));
    assertEquals(List.of("Cmd.java: an adapter uses the trace reader's machinery trace.scan.LineScanner"),
        violations("Cmd.java", "package dev.mcppolicy.cli;\nimport dev.mcppolicy.trace.scan.LineScanner;\nclass Cmd {}\n", false));
    assertEquals(List.of("Rep.java: report uses trace.scan.LineScanner"),
        violations("Rep.java", "package dev.mcppolicy.report;\nimport dev.mcppolicy.trace.scan.LineScanner;\nclass Rep {}\n", true));
    assertEquals(List.of("Scan.java: trace.scan uses sim.Simulator"),
        violations("Scan.java", "package dev.mcppolicy.trace.scan;\nimport dev.mcppolicy.sim.Simulator;\nclass Scan {}\n", true));
    assertEquals(List.of(), violations("Ok.java",
        "package dev.mcppolicy.sim;\n// dev.mcppolicy.syntax.Parser in a comment is no use\nimport dev.mcppolicy.json.JsonValue;\n", true));
  }
}
