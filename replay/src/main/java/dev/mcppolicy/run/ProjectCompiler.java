package dev.mcppolicy.run;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.compiler.ProjectRoot;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.FileTree;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.model.PolicyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a source folder: every {@code .mcppolicy} that declares {@code default} becomes
 * {@code output/<same relative path>.json}; modules are checked. An output newer than every
 * source file is up to date and left alone (any source may be imported by any other).
 */
public final class ProjectCompiler {
  private ProjectCompiler() {}

  /**
   * What a compile did: diagnostics, problems (inputs that could not be listed and outputs that
   * could not be written, as E601 and E603 diagnostics), and which outputs were written or up to date.
   */
  public record Report(List<Diagnostic> diagnostics, List<Diagnostic> problems, List<Path> written, List<Path> upToDate) {
    public Report {
      diagnostics = List.copyOf(diagnostics);
      problems = List.copyOf(problems);
      written = List.copyOf(written);
      upToDate = List.copyOf(upToDate);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  public static Report compile(Path source, Path output, CompileOptions options, boolean skipUpToDate) {
    Diagnostics diagnostics = new Diagnostics();
    List<Diagnostic> problems = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    List<Path> upToDate = new ArrayList<>();
    FileTree.Listing tree = sources(source, options);
    tree.problems().forEach(p -> problems.add(Diagnostic.of(Code.E601, p)));
    List<Path> files = tree.files();
    FileTime newest = files.stream().map(ProjectCompiler::modified).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
    CompileOptions compile = options.withImportPath(List.of(source));
    for (Path file : files) {
      Path out = outputFor(source, output, file);
      CompileResult checked = PolicyCompiler.check(file, compile);
      if (!checked.isPolicy()) {
        diagnostics.addAll(checked.diagnostics());
        continue;
      }
      if (skipUpToDate && Files.exists(out) && modified(out).compareTo(newest) >= 0) {
        upToDate.add(out);
        continue;
      }
      CompileResult result = PolicyCompiler.compile(file, compile);
      diagnostics.addAll(result.diagnostics());
      if (result.document().isEmpty()) {
        continue;
      }
      try {
        AtomicFiles.write(out, PolicyJson.canonical(result.document().get()));
        written.add(out);
      } catch (IOException e) {
        problems.add(Diagnostic.of(Code.E603, "cannot write " + out + ": " + IoErrors.describe(e)));
      }
    }
    List<Diagnostic> ds = Diagnostics.strict(diagnostics.sorted(), options.strict());
    return new Report(ds, problems, written, upToDate);
  }

  /** {@code output/<path relative to source, without .mcppolicy>.json}. */
  static Path outputFor(Path source, Path output, Path file) {
    String rel = source.relativize(file).toString().replace('\\', '/');
    return output.resolve(rel.substring(0, rel.length() - ".mcppolicy".length()) + ".json");
  }

  /** Every {@code .mcppolicy} under {@code source}, symbolic links followed inside the project root. */
  static FileTree.Listing sources(Path source, CompileOptions options) {
    if (!Files.isDirectory(source)) {
      return new FileTree.Listing(List.of(), List.of(),
          Files.isSymbolicLink(source) ? List.of(source + ": a symbolic link that leads nowhere (a loop, or a missing target)")
              : List.of());
    }
    return FileTree.walk(source, Integer.MAX_VALUE, ProjectRoot.of(source, options).dir(), d -> true,
        f -> f.getFileName().toString().endsWith(".mcppolicy"), Path::toString);
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
