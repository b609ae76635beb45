package dev.mcppolicy.run;

import com.google.re2j.Pattern;
import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.Module;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.io.AtomicFiles;
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
import java.util.stream.Stream;

/**
 * Runs the tests of a project: {@code test} blocks and traces with expectations, found by the
 * layouts of tooling.md section 4. This is the one place test logic lives; the CLI's
 * {@code test} and {@code verify} and the Maven plugin only adapt it.
 */
public final class TestRunner {
  /**
   * @param run only tests and traces whose name this pattern finds
   * @param writeOutputs in the Maven layout, write {@code target/mcppolicy/**.json} as {@code compile} does
   */
  public record Options(CompileOptions compile, WindowMode windows, Optional<Pattern> run, boolean writeOutputs) {
    public static Options defaults() {
      return new Options(CompileOptions.defaults(), WindowMode.CALENDAR, Optional.empty(), false);
    }
  }

  private final Options options;
  private final Map<Path, LoadedPolicy> policies = new HashMap<>();
  private final Diagnostics diagnostics = new Diagnostics();
  private final Set<String> problems = new LinkedHashSet<>();
  private final List<SuiteResult> suites = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Path> written = new ArrayList<>();
  private final Set<Path> testedFiles = new LinkedHashSet<>();

  private TestRunner(Options options) {
    this.options = options;
  }

  /** {@code mcppolicy verify DIR}: compile every policy under DIR, then run every test. */
  public static TestReport verify(Path dir, Options options) {
    TestRunner runner = new TestRunner(options);
    if (!Files.isDirectory(dir)) {
      runner.problems.add("cannot verify " + runner.name(dir) + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
    } else if (Files.isDirectory(dir.resolve("src/main/mcppolicy"))) {
      runner.maven(dir, true);
    } else {
      runner.flat(dir, true);
    }
    return runner.report();
  }

  /**
   * The Maven layout with its folders given (the plugin's parameters): compile every policy under
   * {@code source} (writing {@code output/<path>.json} when {@code writeOutputs}), then run the
   * test blocks of those policies and the test files and traces under {@code tests}.
   */
  public static TestReport project(Path source, Path tests, Path output, Options options) {
    TestRunner runner = new TestRunner(options);
    if (!Files.isDirectory(source)) {
      runner.problems.add("no policies: " + runner.name(source) + " is not a folder");
    } else {
      runner.maven(source, tests, output, true);
    }
    return runner.report();
  }

  /** {@code mcppolicy test PATH...}: every test block and trace under the paths. */
  public static TestReport test(List<Path> paths, Options options) {
    TestRunner runner = new TestRunner(options);
    for (Path path : paths) {
      runner.testPath(path);
    }
    return runner.report();
  }

  private TestReport report() {
    List<Diagnostic> ds = diagnostics.sorted();
    if (options.compile().strict()) {
      ds = ds.stream().map(d -> d.withSeverity(dev.mcppolicy.diag.Severity.ERROR)).toList();
    }
    return new TestReport(ds, List.copyOf(problems), suites, warnings, written);
  }

  // ------------------------------------------------------------------ layouts

  private void testPath(Path path) {
    if (Files.isRegularFile(path) && path.toString().endsWith(".mcppolicy")) {
      testFile(path, options.compile());
    } else if (Files.isRegularFile(path) && path.toString().endsWith(".trace.jsonl")) {
      Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
      Path base = folder.getFileName() != null && folder.getFileName().toString().equals("traces") && folder.getParent() != null
          ? folder.getParent() : folder;
      trace(path, base, singlePolicy(base), options.compile());
    } else if (Files.isDirectory(path)) {
      if (Files.isDirectory(path.resolve("src/main/mcppolicy"))) {
        maven(path, false);
        return;
      }
      try (Stream<Path> dirs = Files.walk(path)) {
        for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !skipped(path, d)).sorted().toList()) {
          if (Files.isDirectory(dir.resolve("src/main/mcppolicy"))) {
            maven(dir, false);
          } else if (!list(dir, ".mcppolicy").isEmpty() || !list(dir, ".trace.jsonl").isEmpty()) {
            flat(dir, false);
          }
        }
      } catch (IOException e) {
        problems.add("cannot read " + name(path) + ": " + IoErrors.describe(e));
      }
    } else {
      problems.add("cannot test " + name(path) + ": " + (Files.exists(path)
          ? "not a .mcppolicy file, a .trace.jsonl file or a folder" : "no such file or folder"));
    }
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
    for (Path file : ProjectCompiler.sources(source)) {
      CompileResult checked = PolicyCompiler.check(file, compile);
      boolean isPolicy = checked.program().map(p -> p.root().defaultDecl().isPresent()).orElse(false);
      if (!isPolicy) {
        diagnostics.addAll(checked.diagnostics());
        continue;
      }
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
    if (!Files.isDirectory(tests)) {
      return;
    }
    for (Path file : walk(tests, ".mcppolicy")) {
      testFile(file, compile);
    }
    for (Path trace : walk(tests, ".trace.jsonl")) {
      trace(trace, source, mavenPolicyOf(tests, source, trace), compile);
    }
  }

  /** {@code NAME.trace.jsonl} or any trace under {@code NAME/} goes with {@code NAME.mcppolicy}. */
  private static Optional<Path> mavenPolicyOf(Path tests, Path source, Path trace) {
    String rel = tests.relativize(trace).toString().replace('\\', '/');
    String name = rel.substring(0, rel.length() - ".trace.jsonl".length());
    for (String candidate = name; !candidate.isEmpty(); ) {
      Path policy = source.resolve(candidate + ".mcppolicy");
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
    for (Path file : list(dir, ".mcppolicy")) {
      if (compileAll) {
        CompileResult checked = PolicyCompiler.check(file, options.compile());
        if (checked.program().map(p -> p.root().defaultDecl().isPresent()).orElse(false)) {
          policy(file, options.compile());
        }
      }
      testFile(file, options.compile());
    }
    List<Path> traces = new ArrayList<>(list(dir, ".trace.jsonl"));
    traces.addAll(walk(dir.resolve("traces"), ".trace.jsonl"));
    Optional<Path> single = singlePolicy(dir);
    for (Path trace : traces) {
      trace(trace, dir, single, options.compile());
    }
  }

  /** The folder's only policy (a .mcppolicy that declares default), if it has exactly one. */
  private Optional<Path> singlePolicy(Path dir) {
    List<Path> found = new ArrayList<>();
    for (Path file : list(dir, ".mcppolicy")) {
      CompileResult checked = PolicyCompiler.check(file, options.compile());
      if (checked.program().map(p -> p.root().defaultDecl().isPresent()).orElse(false)) {
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
      TestBlocks.Outcome2 outcome = TestBlocks.run(test, root.file(), folder, className, policy.document().get(),
          options.windows(), this::name);
      cases.add(outcome.result());
    }
    suites.add(new SuiteResult(name(file), name(file), cases, List.of()));
  }

  private void trace(Path trace, Path base, Optional<Path> conventional, CompileOptions compile) {
    String name = name(trace);
    if (options.run().isPresent() && !options.run().get().matcher(name).find()) {
      return;
    }
    TraceHeader header;
    try {
      header = TraceReader.header(trace, name);
    } catch (IOException e) {
      problems.add("cannot read " + name + ": " + IoErrors.describe(e));
      return;
    }
    Optional<Path> policyFile = header.policy().map(p -> base.resolve(p).normalize()).or(() -> conventional);
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
      TraceSuite.Result result = TraceSuite.run(trace, name, policy.document().get(), options.windows());
      suites.add(result.suite());
      warnings.addAll(result.suite().warnings());
    } catch (IOException e) {
      problems.add("cannot replay " + name + ": " + IoErrors.describe(e)); // reading it, or sorting it through temporary files
    }
  }

  private LoadedPolicy policy(Path file, CompileOptions compile) {
    return policies.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
      LoadedPolicy loaded = LoadedPolicy.load(file, name(file), compile);
      diagnostics.addAll(loaded.diagnostics());
      problems.addAll(loaded.problems());
      return loaded;
    });
  }

  // ------------------------------------------------------------------ files

  /** Files directly in {@code dir} ending with {@code suffix}, sorted. */
  private static List<Path> list(Path dir, String suffix) {
    return files(dir, suffix, 1);
  }

  /** Files anywhere under {@code dir} ending with {@code suffix}, sorted. */
  private static List<Path> walk(Path dir, String suffix) {
    return files(dir, suffix, Integer.MAX_VALUE);
  }

  private static List<Path> files(Path dir, String suffix, int depth) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir, depth)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private String name(Path p) {
    Path absolute = p.toAbsolutePath().normalize();
    Path base = options.compile().workingDirectory().toAbsolutePath().normalize();
    String s = (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
