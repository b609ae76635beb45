package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.model.PolicyDocument;
import java.util.List;
import java.util.Optional;

/**
 * What a compile or check gives back: the document when there were no errors, every diagnostic
 * (sorted), and the loaded program when the file could be read.
 *
 * @param unreadable the compiled file itself could not be read (a usage problem, not a policy one)
 * @param catalogTools every tool the catalogs it sees declare; empty when it is bound to none
 * @param sourceMap where each part of the document came from (empty without a document)
 */
public record CompileResult(Optional<PolicyDocument> document, List<Diagnostic> diagnostics, Optional<Program> program,
    boolean unreadable, java.util.SortedSet<String> catalogTools, SourceMap sourceMap) {

  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
    catalogTools = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(catalogTools));
  }

  /** Whether the compiled file is a policy (it declares {@code default}), not a module for others to import. */
  public boolean isPolicy() {
    return program.map(p -> p.root().defaultDecl().isPresent()).orElse(false);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }

  /** The policy's name from {@code policy "..."}, if it has one. */
  public Optional<String> policyName() {
    return program.flatMap(p -> p.root().unit().items().stream()
        .filter(i -> i instanceof dev.mcppolicy.syntax.Item.PolicyName)
        .map(i -> ((dev.mcppolicy.syntax.Item.PolicyName) i).name().value()).findFirst());
  }

  /** The files this compile read: the compiled file and every file it imports (not the stdlib's). */
  public List<java.nio.file.Path> files() {
    return program.map(p -> p.modules().stream().flatMap(m -> m.path().stream()).toList()).orElse(List.of());
  }

  static boolean isUnreadable(List<Diagnostic> ds) {
    return ds.stream().anyMatch(d -> d.code() == Code.E107 && d.location().isEmpty());
  }
}
