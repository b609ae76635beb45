package dev.mcppolicy.maven;

import dev.mcppolicy.run.ProjectCompiler;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compiles every policy under {@code sourceDirectory} to canonical policy.json under
 * {@code outputDirectory}, leaving outputs that are newer than every source alone.
 *
 * @since 0.1.0
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class CompileMojo extends AbstractPolicyMojo {
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (nothingToDo(sourceDirectory)) {
      return;
    }
    ProjectCompiler.Report report = ProjectCompiler.compile(sourceDirectory.toPath(), outputDirectory.toPath(),
        compileOptions(), true);
    MavenLog.diagnostics(getLog(), report.diagnostics());
    if (!report.problems().isEmpty()) {
      throw new MojoExecutionException("mcppolicy: "
          + String.join("; ", report.problems().stream().map(dev.mcppolicy.diag.Diagnostic::message).toList()));
    }
    failOnDiagnostics(report.diagnostics(), List.of(), "problems");
    getLog().info("mcppolicy: compiled " + dev.mcppolicy.report.Words.count(report.written().size(), "policy", "policies")
        + " to " + outputDirectory + (report.upToDate().isEmpty() ? "" : ", " + report.upToDate().size() + " up to date"));
  }
}
