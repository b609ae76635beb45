package dev.mcppolicy.run;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A policy ready to simulate: compiled from {@code .mcppolicy}, or read from a {@code policy.json}
 * (validated as docs/decision-model.md, "Loading", says). Nothing is simulated against a policy
 * that did not load. Every problem is a {@link Diagnostic}: a policy.json problem is E601 at its
 * line and column, its message starting with the JSON path, so every front end shows it as it
 * shows a policy's own diagnostics. {@code inputProblem}: the file could not be read, or is not a
 * document that can be loaded: an input is wrong, not the policy. {@code catalogTools}
 * are the tools the catalogs of a {@code .mcppolicy} declare (empty for a policy.json, or a policy
 * bound to none). {@code sourceMap} leads each rule of a compiled {@code .mcppolicy} back to its
 * line (empty for a policy.json).
 */
public record LoadedPolicy(Optional<PolicyDocument> document, List<Diagnostic> diagnostics, boolean inputProblem,
    java.util.SortedSet<String> catalogTools, SourceMap sourceMap) {

  public LoadedPolicy {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Records of a trace replayed against this policy, checked for tools no catalog lists. */
  public UnknownTools unknownTools(dev.mcppolicy.trace.Replayer.Listener next) {
    return UnknownTools.around(next, catalogTools);
  }

  public static LoadedPolicy load(Path file, String name, CompileOptions options) {
    if (!file.getFileName().toString().endsWith(".json")) {
      CompileResult r = PolicyCompiler.compile(file, options);
      return new LoadedPolicy(r.document(), r.diagnostics(), r.unreadable(), r.catalogTools(), r.sourceMap());
    }
    byte[] bytes;
    try {
      bytes = options.sources().read(file.toAbsolutePath().normalize());
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory" : IoErrors.describe(e);
      return new LoadedPolicy(Optional.empty(), List.of(Diagnostic.of(Code.E107, "cannot read " + name + ": " + why)), true,
          new java.util.TreeSet<>(), SourceMap.empty());
    }
    PolicyJson.LoadResult r = PolicyJson.read(bytes);
    SourceFile source = new SourceFile(name, new String(bytes, StandardCharsets.UTF_8));
    List<Diagnostic> problems = r.problems().stream()
        .map(p -> Diagnostic.of(Code.E601, p.jsonPath() + ": " + p.message(), source, Span.at(p.line(), p.column(), 1)))
        .toList();
    return new LoadedPolicy(r.document(), problems, !problems.isEmpty(), new java.util.TreeSet<>(), SourceMap.empty());
  }
}
