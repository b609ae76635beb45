package dev.mcppolicy.cli;

import dev.mcppolicy.compiler.CompileOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of commands that compile: {@code --strict} and {@code --root}. A picocli mixin. */
final class CompilerOptions {
  @Option(names = "--strict", description = "Treat warnings as errors (a selector that matches nothing fails).")
  boolean strict;

  @Option(names = "--root", paramLabel = "DIR",
      description = "The project root imports must stay inside (default: the nearest folder above the file "
          + "with a pom.xml or .git, else the file's folder).")
  Path root;

  CompileOptions toOptions() {
    return CompileOptions.defaults().withStrict(strict).withRoot(root);
  }
}
