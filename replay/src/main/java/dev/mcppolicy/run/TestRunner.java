package dev.mcppolicy.run;

import com.google.re2j.Pattern;
import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.Module;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.coverage.PolicyCoverage;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.compiler.ProjectRoot;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.FileTree;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.trace.TraceHeader;
import dev.mcppolicy.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the tests of a project: {@code test} blocks and traces with expectations, found by the
 * layouts of docs/traces.md. This is the one place test logic lives; the CLI's
 * {@code test} and {@code verify} and the Maven plugin only adapt it.
 */
public final class TestRunner {
  private static final String POLICY = ".mcppolicy";
  private static final String TRACE = ".trace.jsonl";

  /**
   * @param run only tests and traces whose name this pattern finds
   * @param writeOutputs in the Maven layout, write {@code target/mcppolicy/**.json} as {@code compile} does
   */
  public record Options(CompileOptions compile, WindowMode windows, Optional<Pattern> run, boolean writeOutputs,
      boolean coverage) {
    public static Options defaults() {
      return new Options(CompileOptions.defaults(), WindowMode.CALENDAR, Optional.empty(), false, false);
    }

    public Options withCoverage(boolean on) {
      return new Options(compile, windows, run, writeOutputs, on);
    }
  }

  private final Options options;
  private final Map<Path, LoadedPolicy> policies = new HashMap<>();
  /** With coverage on, what the tests and traces of each policy that loaded covered. */
  private final Map<LoadedPolicy, PolicyCoverage> coverage = new java.util.IdentityHashMap<>();
  private final Diagnostics diagnostics = new Diagnostics();
  private final Set<String> problems = new LinkedHashSet<>();
  private final List<SuiteResult> suites = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Path> written = new ArrayList<>();
  private final Set<Path> testedFiles = new LinkedHashSet<>();
  private final Set<Path> folders = new LinkedHashSet<>();
  private long policyCount;
  private long testFileCount;
  private long traceCount;

  private TestRunner(Options options) {
    this.options = options;
  }

  /**
   * {@code mcppolicy verify DIR}: compile every policy under DIR, then run every test, searching
   * every subfolder as {@code test} does (docs/cli.md).
   */
  public static TestReport verify(Path dir, Options options) {
    TestRunner runner = new TestRunner(options);
    if (!Files.isDirectory(dir)) {
      runner.problems.add("cannot verify " + runner.name(dir) + ": " + (Files.exists(dir) ? "not a folder"
          : Files.isSymbolicLink(dir) ? "a symbolic link that leads nowhere" : "no such folder"));
    } else {
      runner.search(dir, true);
    }
    return runner.report(List.of(dir));
  }

  /**
   * The Maven layout with its folders given (the plugin's parameters): compile every policy under
   * {@code source} (writing {@code output/<path>.json} when {@code writeOutputs}), then run the
   * test blocks of those policies and the test files and traces under {@code tests}.
   */
  public static TestReport project(Path source, Path tests, Path output, Options options) {
    TestRunner runner = new TestRunner(options);
    runner.maven(source, tests, output, true);
    return runner.report(List.of(source, tests));
  }

  /** {@code mcppolicy test PATH...}: every test block and trace under the paths. */
  public static TestReport test(List<Path> paths, Options options) {
    TestRunner runner = new TestRunner(options);
    for (Path path : paths) {
      runner.testPath(path);
    }
    return runner.report(paths);
  }

  private TestReport report(List<Path> searched) {
    List<Diagnostic> ds = Diagnostics.strict(diagnostics.sorted(), options.compile().strict());
    Optional<String> nothing = Optional.empty();
    boolean ran = suites.stream().anyMatch(s -> !s.cases().isEmpty());
    if (!ran && problems.isEmpty() && ds.stream().noneMatch(Diagnostic::isError)) {
      String where = String.join(", ", searched.stream().map(this::name).toList());
      nothing = Optional.of(options.run()
          .map(r -> "nothing to test: no test block or trace under " + where + " matches --run '" + r.pattern() + "'")
          .orElse("nothing to test: no test block and no trace with expectations under " + where)
          + " (searched " + count(folders.size(), "folder") + ", found " + count(policyCount, "policy", "policies") + ", "
          + count(testFileCount, "test file") + " and " + count(traceCount, "trace") + ")");
    }
    List<Diagnostic> unusable = problems.stream().map(p -> Diagnostic.of(dev.mcppolicy.diag.Code.E601, p)).toList();
    List<PolicyCoverage> covered = coverage.values().stream()
        .sorted(java.util.Comparator.comparing(PolicyCoverage::policy, dev.mcppolicy.model.CodePoints.ORDER)).toList();
    return new TestReport(ds, unusable, suites, warnings, written, nothing, covered);
  }

  private static String count(long n, String word) {
    return dev.mcppolicy.report.Words.plural(n, word);
  }

  private static String count(long n, String one, String many) {
    return dev.mcppolicy.report.Words.count(n, one, many);
  }

  // ------------------------------------------------------------------ layouts

  private void testPath(Path path) {
    if (Files.isRegularFile(path) && path.toString().endsWith(POLICY)) {
      testFile(path, options.compile());
    } else if (Files.isRegularFile(path) && path.toString().endsWith(TRACE)) {
      Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
      Path base = folder.getFileName() != null && folder.getFileName().toString().equals("traces") && folder.getParent() != null
          ? folder.getParent() : folder;
      trace(path, base, singlePolicy(base), options.compile());
    } else if (Files.isDirectory(path)) {
      search(path, false);
    } else {
      problems.add("cannot test " + name(path) + ": " + (Files.exists(path)
          ? "not a .mcppolicy file, a .trace.jsonl file or a folder"
          : Files.isSymbolicLink(path) ? "a symbolic link that leads nowhere" : "no such file or folder"));
    }
  }

  /**
   * A folder and every folder under it: a Maven project (one with {@code src/main/mcppolicy} or
   * {@code src/test/mcppolicy}) in its layout, any other folder holding policies or traces as a
   * flat folder.
   */
  private void search(Path top, boolean compileAll) {
    if (isMaven(top)) {
      maven(top, compileAll);
      return;
    }
    FileTree.Listing tree = walk(top, Integer.MAX_VALUE, d -> !skipped(top, d));
    Set<Path> holding = new java.util.HashSet<>();
    tree.files().forEach(f -> holding.add(f.getParent()));
    for (Path dir : tree.folders()) {
      if (isMaven(dir)) {
        maven(dir, compileAll);
      } else if (holding.contains(dir)) {
        flat(dir, compileAll);
      }
    }
  }

  private static boolean isMaven(Path dir) {
    return Files.isDirectory(dir.resolve("src/main/mcppolicy")) || Files.isDirectory(dir.resolve("src/test/mcppolicy"))
        || Files.isSymbolicLink(dir.resolve("src/main/mcppolicy")) || Files.isSymbolicLink(dir.resolve("src/test/mcppolicy"));
  }

  /** Folders a recursive search does not enter: hidden ones, build output, a flat folder's traces, Maven sources. */
  private static boolean skipped(Path top, Path dir) {
    Path rel = top.relativize(dir);
    for (Path part : rel) {
      String p = part.toString();
      if (p.startsWith(".") && !p.equals(".") || p.equals("target") || p.equals("node_modules") || p.equals("traces")
          || p.equals("src")) {
        return true;
      }
    }
    return false;
  }

  /** The Maven layout: src/main/mcppolicy policies, src/test/mcppolicy tests and traces. */
  private void maven(Path dir, boolean compileAll) {
    maven(dir.resolve("src/main/mcppolicy"), dir.resolve("src/test/mcppolicy"), dir.resolve("target/mcppolicy"), compileAll);
  }

  private void maven(Path source, Path tests, Path output, boolean compileAll) {
    CompileOptions compile = options.compile().withImportPath(List.of(source));
    for (Path folder : List.of(source, tests)) {
      if (Files.isSymbolicLink(folder) && !Files.exists(folder)) {
        problems.add(name(folder) + ": a symbolic link that leads nowhere (a loop, or a missing target)");
      }
    }
    for (Path file : ending(walk(source, Integer.MAX_VALUE, d -> true).files(), POLICY)) {
      CompileResult checked = PolicyCompiler.check(file, compile);
      if (!checked.isPolicy()) {
        diagnostics.addAll(checked.diagnostics());
        continue;
      }
      policyCount++;
      LoadedPolicy policy = policy(file, compile);
      if (options.writeOutputs() && policy.document().isPresent()) {
        Path out = ProjectCompiler.outputFor(source, output, file);
        try {
          AtomicFiles.write(out, PolicyJson.canonical(policy.document().get()));
          written.add(out);
        } catch (IOException e) {
          problems.add("cannot write " + name(out) + ": " + IoErrors.describe(e));
        }
      }
      if (compileAll || !checked.program().orElseThrow().root().tests().isEmpty()) {
        runTests(file, checked, file, compile);
      }
    }
    List<Path> testFiles = walk(tests, Integer.MAX_VALUE, d -> true).files();
    for (Path file : ending(testFiles, POLICY)) {
      testFile(file, compile);
    }
    for (Path trace : ending(testFiles, TRACE)) {
      trace(trace, source, mavenPolicyOf(tests, source, trace), compile);
    }
  }

  /** {@code NAME.trace.jsonl} or any trace under {@code NAME/} goes with {@code NAME.mcppolicy}. */
  private static Optional<Path> mavenPolicyOf(Path tests, Path source, Path trace) {
    String rel = tests.relativize(trace).toString().replace('\\', '/');
    String name = rel.substring(0, rel.length() - TRACE.length());
    for (String candidate = name; !candidate.isEmpty(); ) {
      Path policy = source.resolve(candidate + POLICY);
      if (Files.isRegularFile(policy)) {
        return Optional.of(policy);
      }
      int slash = candidate.lastIndexOf('/');
      candidate = slash < 0 ? "" : candidate.substring(0, slash);
    }
    return Optional.empty();
  }

  /** A flat folder: each .mcppolicy with default is a policy; traces in it and in traces/. */
  private void flat(Path dir, boolean compileAll) {
    List<Path> files = walk(dir, 1, d -> false).files();
    for (Path file : ending(files, POLICY)) {
      if (compileAll) {
        CompileResult checked = PolicyCompiler.check(file, options.compile());
        if (checked.isPolicy()) {
          policyCount++;
          policy(file, options.compile());
        }
      }
      testFile(file, options.compile());
    }
    List<Path> traces = new ArrayList<>(ending(files, TRACE));
    traces.addAll(ending(walk(dir.resolve("traces"), Integer.MAX_VALUE, d -> true).files(), TRACE));
    Optional<Path> single = singlePolicy(files);
    for (Path trace : traces) {
      trace(trace, dir, single, options.compile());
    }
  }

  /** The folder's only policy (a .mcppolicy that declares default), if it has exactly one. */
  private Optional<Path> singlePolicy(Path dir) {
    return singlePolicy(walk(dir, 1, d -> false).files());
  }

  /** The only policy among a folder's {@code files}, if there is exactly one. */
  private Optional<Path> singlePolicy(List<Path> files) {
    List<Path> found = new ArrayList<>();
    for (Path file : ending(files, POLICY)) {
      CompileResult checked = PolicyCompiler.check(file, options.compile());
      if (checked.isPolicy()) {
        found.add(file);
      }
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  // ------------------------------------------------------------------ running

  /** A file's test blocks, against itself if it declares default, else the one policy it imports. */
  private void testFile(Path file, CompileOptions compile) {
    Path key = file.toAbsolutePath().normalize();
    if (!testedFiles.add(key)) {
      return;
    }
    CompileResult checked = PolicyCompiler.check(file, compile);
    diagnostics.addAll(checked.diagnostics());
    if (checked.unreadable() || checked.program().isEmpty() || checked.program().get().root().tests().isEmpty()) {
      return;
    }
    testFileCount++;
    Module root = checked.program().get().root();
    Path policy;
    if (root.defaultDecl().isPresent()) {
      policy = file;
    } else {
      List<Path> imported = checked.program().get().modules().stream()
          .filter(m -> m != root && m.defaultDecl().isPresent() && m.path().isPresent())
          .map(m -> m.path().get()).distinct().toList();
      if (imported.size() != 1) {
        problems.add(name(file) + ": its tests need one policy to test: declare 'default' in it, or import exactly one "
            + "policy that does (it imports " + imported.size() + ")");
        return;
      }
      policy = imported.get(0);
    }
    runTests(file, checked, policy, compile);
  }

  private void runTests(Path file, CompileResult checked, Path policyFile, CompileOptions compile) {
    testedFiles.add(file.toAbsolutePath().normalize());
    if (checked.hasErrors()) {
      return;
    }
    Module root = checked.program().orElseThrow().root();
    List<Item.Test> tests = root.tests().stream()
        .filter(t -> options.run().map(p -> p.matcher(t.name().value()).find()).orElse(true)).toList();
    if (tests.isEmpty()) {
      return;
    }
    LoadedPolicy policy = policy(policyFile, compile);
    if (policy.document().isEmpty()) {
      return; // its diagnostics are reported; nothing is simulated against a policy that did not load
    }
    String className = name(file).replaceAll("\\.mcppolicy$", "").replace('/', '.');
    List<CaseResult> cases = new ArrayList<>();
    Path folder = file.toAbsolutePath().getParent();
    for (Item.Test test : tests) {
      TestBlocks.Outcome2 outcome = TestBlocks.run(test, root.file(), folder, className, policy, options.windows(),
          this::name, ProjectRoot.of(file, compile), coverageOf(policy));
      cases.add(outcome.result());
      diagnostics.addAll(outcome.unknownTools());
    }
    suites.add(new SuiteResult(name(file), name(file), cases, List.of()));
  }

  private void trace(Path trace, Path base, Optional<Path> conventional, CompileOptions compile) {
    String name = name(trace);
    if (options.run().isPresent() && !options.run().get().matcher(name).find()) {
      return;
    }
    traceCount++;
    TraceHeader header;
    try {
      header = TraceReader.header(trace, name);
    } catch (IOException e) {
      problems.add("cannot read " + name + ": " + IoErrors.describe(e));
      return;
    }
    Optional<Path> policyFile = header.policy().map(p -> base.resolve(p).normalize()).or(() -> conventional);
    Optional<String> escape = header.policy().flatMap(p -> ProjectRoot.of(trace, compile).escape(policyFile.get()));
    if (escape.isPresent()) {
      // never read: its lines would be echoed in diagnostics, into a CI log
      problems.add(name + ": the policy \"" + header.policy().get() + "\" named by its header cannot be read: "
          + escape.get());
      return;
    }
    if (policyFile.isEmpty()) {
      problems.add(name + ": no policy to replay this trace against: name it in a header line "
          + "{\"trace\": {\"policy\": \"FILE\"}}, or keep one policy in its folder");
      return;
    }
    if (!Files.isRegularFile(policyFile.get())) {
      problems.add(name + ": the policy " + name(policyFile.get()) + " named by its header does not exist");
      return;
    }
    LoadedPolicy policy = policy(policyFile.get(), compile);
    if (policy.document().isEmpty()) {
      return;
    }
    try {
      TraceSuite.Result result = TraceSuite.run(trace, name, policy, options.windows(), coverageOf(policy));
      suites.add(result.suite());
      diagnostics.addAll(result.unknownTools());
      warnings.addAll(result.suite().warnings());
    } catch (IOException e) {
      problems.add("cannot replay " + name + ": " + IoErrors.describe(e)); // reading it, or sorting it through temporary files
    }
  }

  private LoadedPolicy policy(Path file, CompileOptions compile) {
    return policies.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
      LoadedPolicy loaded = LoadedPolicy.load(file, name(file), compile);
      diagnostics.addAll(loaded.diagnostics());
      if (options.coverage() && loaded.document().isPresent()) {
        coverage.put(loaded, PolicyCoverage.of(name(file), loaded.document().get(), loaded.sourceMap()));
      }
      return loaded;
    });
  }

  private Optional<PolicyCoverage> coverageOf(LoadedPolicy policy) {
    return Optional.ofNullable(coverage.get(policy));
  }

  // ------------------------------------------------------------------ files

  /**
   * The policies, tests and traces under {@code top} (symbolic links followed inside the project
   * root, loops reported), and the folders searched; what cannot be used is a problem. A folder
   * that does not exist has nothing in it.
   */
  private FileTree.Listing walk(Path top, int depth, java.util.function.Predicate<Path> enter) {
    if (!Files.isDirectory(top)) {
      return new FileTree.Listing(List.of(), List.of(), List.of());
    }
    FileTree.Listing tree = FileTree.walk(top, depth, ProjectRoot.of(top, options.compile()).dir(), enter,
        f -> f.getFileName().toString().endsWith(POLICY) || f.getFileName().toString().endsWith(TRACE),
        this::name);
    problems.addAll(tree.problems());
    folders.addAll(tree.folders().stream().map(f -> f.toAbsolutePath().normalize()).toList());
    return tree;
  }

  /** The {@code files} whose names end with {@code suffix}, in their order. */
  private static List<Path> ending(List<Path> files, String suffix) {
    return files.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
  }

  private String name(Path p) {
    return dev.mcppolicy.io.DisplayNames.of(p, options.compile().workingDirectory());
  }
}
