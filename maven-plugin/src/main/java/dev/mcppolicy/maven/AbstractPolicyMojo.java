package dev.mcppolicy.maven;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.diag.Diagnostic;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Parameters both goals share. Test logic lives in the library, not here. */
abstract class AbstractPolicyMojo extends AbstractMojo {
  /**
   * Skip this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.skip", defaultValue = "false")
  boolean skip;

  /**
   * Treat warnings as errors, as {@code mcppolicy --strict} does (a selector that matches nothing fails).
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.strict", defaultValue = "false")
  boolean strict;

  /**
   * Fail the build when there are warnings, and report them as warnings (unlike {@code strict},
   * which reports them as errors).
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  /**
   * The policies: every {@code .mcppolicy} here that declares {@code default} is compiled.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.sourceDirectory", defaultValue = "${project.basedir}/src/main/mcppolicy")
  File sourceDirectory;

  /**
   * Where compiled policies go, as {@code <same relative path>.json}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.outputDirectory", defaultValue = "${project.build.directory}/mcppolicy")
  File outputDirectory;

  /** File names in messages are relative to this folder. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /**
   * True (after saying why) when the goal is skipped, or none of {@code folders} is there: a project
   * without policies stays green with a warning, as Surefire does without tests. A folder that is a
   * symbolic link leading nowhere is there, and the library reports it.
   */
  boolean nothingToDo(File... folders) {
    if (skip) {
      getLog().info("mcppolicy: skipped (mcppolicy.skip)");
      return true;
    }
    for (File folder : folders) {
      if (folder.exists() || java.nio.file.Files.isSymbolicLink(folder.toPath())) {
        return false;
      }
    }
    getLog().warn("mcppolicy: nothing to do: no " + String.join(" and no ",
        java.util.Arrays.stream(folders).map(File::toString).toList()));
    return true;
  }

  CompileOptions compileOptions() {
    return CompileOptions.defaults().withStrict(strict).withWorkingDirectory(basedir.toPath().toAbsolutePath())
        .withRoot(basedir.toPath().toAbsolutePath());
  }

  /**
   * Fails once, listing every problem, when there are errors (or warnings under failOnWarning) or
   * failures; {@code failureWord} names what a failure is ("failed expectation or test").
   */
  void failOnDiagnostics(List<Diagnostic> diagnostics, List<String> more, String failureWord) throws MojoFailureException {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    boolean failing = errors > 0 || (failOnWarning && warnings > 0) || !more.isEmpty();
    if (!failing) {
      return;
    }
    StringBuilder message = new StringBuilder();
    diagnostics.stream().filter(d -> d.isError() || failOnWarning)
        .forEach(d -> message.append("\n  ").append(position(d)).append(d.severity().word()).append('[')
            .append(d.code().name()).append("]: ").append(d.message()));
    more.forEach(m -> message.append("\n  ").append(m));
    List<String> heads = new java.util.ArrayList<>();
    if (errors > 0) {
      heads.add(MavenLog.plural(errors, "error"));
    }
    if (failOnWarning && warnings > 0) {
      heads.add(MavenLog.plural(warnings, "warning") + " (failOnWarning)");
    }
    if (!more.isEmpty()) {
      heads.add(more.size() + " " + failureWord);
    }
    throw new MojoFailureException("mcppolicy: " + String.join(", ", heads) + message);
  }

  private static String position(Diagnostic d) {
    return d.location().map(l -> l.file().name() + ":" + l.span().line() + ":" + l.span().column() + ": ").orElse("");
  }

}
