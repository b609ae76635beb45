package dev.mcppolicy.compiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to compile.
 *
 * @param strict warnings are errors (an unknown tool name fails the build)
 * @param root the project root imports must stay inside; empty: the nearest folder above the file
 *     that holds a {@code pom.xml} or {@code .git}, else the file's own folder
 * @param importPath folders tried, in order, after the importing file's own folder
 * @param workingDirectory file names in diagnostics are relative to it when they are inside it
 * @param sources where the policy's and its modules' text comes from (the disk, or files in memory over it)
 */
public record CompileOptions(boolean strict, Optional<Path> root, List<Path> importPath, Path workingDirectory,
    Sources sources) {
  public CompileOptions {
    importPath = List.copyOf(importPath);
    Objects.requireNonNull(sources);
  }

  public static CompileOptions defaults() {
    return new CompileOptions(false, Optional.empty(), List.of(), Path.of("").toAbsolutePath(), Sources.DISK);
  }

  public CompileOptions withStrict(boolean s) {
    return new CompileOptions(s, root, importPath, workingDirectory, sources);
  }

  public CompileOptions withRoot(Path r) {
    return new CompileOptions(strict, Optional.ofNullable(r), importPath, workingDirectory, sources);
  }

  public CompileOptions withImportPath(List<Path> p) {
    return new CompileOptions(strict, root, p, workingDirectory, sources);
  }

  public CompileOptions withWorkingDirectory(Path w) {
    return new CompileOptions(strict, root, importPath, w, sources);
  }

  public CompileOptions withSources(Sources s) {
    return new CompileOptions(strict, root, importPath, workingDirectory, s);
  }
}
