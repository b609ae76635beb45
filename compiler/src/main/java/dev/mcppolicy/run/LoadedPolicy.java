package dev.mcppolicy.run;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A policy ready to simulate: compiled from {@code .mcppolicy}, or read from a {@code policy.json}
 * (validated as docs/decision-model.md, "Loading", says). Nothing is simulated against a policy that did not
 * load. {@code problems} are policy.json problems as {@code FILE:LINE:COL: $.path: message};
 * {@code unreadable} means the file itself could not be read. {@code catalogTools} are the tools
 * the catalogs of a {@code .mcppolicy} declare (empty for a policy.json, or a policy bound to none).
 */
public record LoadedPolicy(Optional<PolicyDocument> document, List<Diagnostic> diagnostics, List<String> problems,
    boolean unreadable, java.util.SortedSet<String> catalogTools) {

  /** Records of a trace replayed against this policy, checked for tools no catalog lists. */
  public UnknownTools unknownTools(dev.mcppolicy.trace.Replayer.Listener next) {
    return UnknownTools.around(next, catalogTools);
  }

  public static LoadedPolicy load(Path file, String name, CompileOptions options) {
    if (!file.getFileName().toString().endsWith(".json")) {
      CompileResult r = PolicyCompiler.compile(file, options);
      return new LoadedPolicy(r.document(), r.diagnostics(), List.of(), r.unreadable(), r.catalogTools());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory" : IoErrors.describe(e);
      return new LoadedPolicy(Optional.empty(), List.of(), List.of("cannot read " + name + ": " + why), true,
          new java.util.TreeSet<>());
    }
    PolicyJson.LoadResult r = PolicyJson.read(bytes);
    List<String> problems = r.problems().stream()
        .map(p -> name + ":" + p.line() + ":" + p.column() + ": " + p.jsonPath() + ": " + p.message()).toList();
    return new LoadedPolicy(r.document(), List.of(), problems, false, new java.util.TreeSet<>());
  }
}
