package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The compiler's entry point: {@code .mcppolicy} in, {@link PolicyDocument} and diagnostics out.
 * Phases: load (parse and imports), per-file checks, catalogs, resolution (selectors, precedence,
 * counters). Every phase appends to one sink and carries on, so one run reports every problem;
 * resolution is skipped only when a file's syntax is broken, where its results would be noise.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** Compiles a policy, which must declare {@code default}. */
  public static CompileResult compile(Path file, CompileOptions options) {
    return run(file, Optional.empty(), options, true);
  }

  /**
   * Compiles {@code text} as if it were the content of {@code file}: imports resolve from the
   * file's folder (for editors, and to compile formatted text before writing it).
   */
  public static CompileResult compile(Path file, String text, CompileOptions options) {
    return compile(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), options);
  }

  /** Compiles {@code bytes} as if they were the content of {@code file} (they may be any bytes at all). */
  public static CompileResult compile(Path file, byte[] bytes, CompileOptions options) {
    return run(file, Optional.of(bytes.clone()), options, true);
  }

  /**
   * Checks a policy or a module. A module (no {@code default}) is checked as far as it can be on its
   * own: syntax, imports, conditions, and its selectors when it can see a catalog.
   */
  public static CompileResult check(Path file, CompileOptions options) {
    return run(file, Optional.empty(), options, false);
  }

  private static CompileResult run(Path file, Optional<byte[]> text, CompileOptions options, boolean requireDefault) {
    Diagnostics sink = new Diagnostics();
    Optional<ModuleLoader.Loaded> loaded = new ModuleLoader(options, sink).load(file, text);
    if (loaded.isEmpty()) {
      List<Diagnostic> ds = sink.sorted();
      return new CompileResult(Optional.empty(), ds, Optional.empty(), CompileResult.isUnreadable(ds), new java.util.TreeSet<>(),
          SourceMap.empty());
    }
    Program program = loaded.get().program();
    Checker checker = new Checker(sink);
    program.modules().forEach(checker::check);
    Optional<Posture> posture = program.root().defaultDecl().map(d -> d.posture());
    boolean invalidDefault = sink.sorted().stream().anyMatch(d -> d.code() == Code.E108
        && d.location().map(l -> l.file() == program.root().file()).orElse(false));
    boolean named = program.root().unit().items().stream().anyMatch(i -> i instanceof dev.mcppolicy.syntax.Item.PolicyName);
    if (posture.isEmpty() && requireDefault && !loaded.get().syntaxErrors() && !invalidDefault && !named) {
      sink.add(Diagnostic.of(Code.E101, program.root().file().name()
          + " has no 'default', so it is a module: it can be imported, not compiled on its own",
          program.root().file(), Span.at(1, 1, 1))
          .withHelp("add 'default deny' (or 'default allow') at the top of the file"));
    }
    PolicyDocument document = null;
    SourceMap sourceMap = SourceMap.empty();
    java.util.SortedSet<String> catalogTools = new java.util.TreeSet<>();
    if (!loaded.get().syntaxErrors()) {
      ToolCatalog catalog = ToolCatalog.of(program, sink);
      catalogTools.addAll(catalog.tools().keySet());
      if (posture.isPresent() || catalog.bound()) {
        Resolver resolver = new Resolver(program, catalog, sink);
        document = resolver.resolve(posture.orElse(Posture.DENY));
        sourceMap = resolver.sourceMap();
        if (posture.isPresent() && !sink.hasErrors()) {
          Linter.run(document, sourceMap, resolver.lintInput(), catalog, sink);
        }
      }
    }
    List<Diagnostic> diagnostics = sink.sorted();
    diagnostics = Diagnostics.strict(diagnostics, options.strict());
    boolean ok = diagnostics.stream().noneMatch(Diagnostic::isError) && posture.isPresent();
    return new CompileResult(ok ? Optional.ofNullable(document) : Optional.empty(), diagnostics,
        Optional.of(program), false, catalogTools, ok ? sourceMap : SourceMap.empty());
  }
}
