package dev.mcppolicy.format;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.compiler.Sources;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Source a command is about to write, formatted and compiled from memory as if it were already at {@code where}. */
final class InMemory {
  private InMemory() {}

  /** {@code text} in the formatter's layout (as it is, if the formatter declines). */
  static String formatted(String text, Path where) {
    return Formatter.format(new SourceFile(where.getFileName().toString(), text), new Diagnostics()).orElse(text);
  }

  /** {@code text} compiled (or, with {@code checkOnly}, checked as a module) at {@code where}: its imports resolve beside it. */
  static CompileResult compile(String text, Path where, boolean checkOnly) {
    Path absolute = where.toAbsolutePath().normalize();
    CompileOptions options = CompileOptions.defaults().withWorkingDirectory(absolute.getParent())
        .withSources(Sources.overlay(Map.of(absolute, text.getBytes(StandardCharsets.UTF_8)), Sources.DISK));
    return checkOnly ? PolicyCompiler.check(absolute, options) : PolicyCompiler.compile(absolute, options);
  }
}
