package dev.mcppolicy.compiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to compile.
 *
 * @param strict warnings are errors (an unknown tool name fails the build)
 * @param root the project root imports must stay inside; empty: the nearest folder above the file
 *     that holds a {@code pom.xml} or {@code .git}, else the file's own folder
 * @param importPath folders tried, in order, after the importing file's own folder
 * @param workingDirectory file names in diagnostics are relative to it when they are inside it
 */
public record CompileOptions(boolean strict, Optional<Path> root, List<Path> importPath, Path workingDirectory) {
  public CompileOptions {
    importPath = List.copyOf(importPath);
  }

  public static CompileOptions defaults() {
    return new CompileOptions(false, Optional.empty(), List.of(), Path.of("").toAbsolutePath());
  }

  public CompileOptions withStrict(boolean s) {
    return new CompileOptions(s, root, importPath, workingDirectory);
  }

  public CompileOptions withRoot(Path r) {
    return new CompileOptions(strict, Optional.ofNullable(r), importPath, workingDirectory);
  }

  public CompileOptions withImportPath(List<Path> p) {
    return new CompileOptions(strict, root, p, workingDirectory);
  }

  public CompileOptions withWorkingDirectory(Path w) {
    return new CompileOptions(strict, root, importPath, w);
  }
}
