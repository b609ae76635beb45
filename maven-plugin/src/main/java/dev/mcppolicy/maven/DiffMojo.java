package dev.mcppolicy.maven;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.GitRevision;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diff.DiffReport;
import dev.mcppolicy.diff.DiffSession;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.DisplayNames;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.sim.WindowMode;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares each policy of {@code src/main/mcppolicy} with its baseline, part by part and on the
 * project's recorded traffic (docs/diff.md), and writes {@code diff.md} and {@code diff.jsonl} to
 * the reports folder. Not bound to a phase: {@code mvn mcppolicy:diff -Dmcppolicy.baseline=git:origin/main}.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractPolicyMojo {
  /**
   * What to compare against: a folder of baseline {@code .mcppolicy} or {@code .json} files
   * mirroring {@code src/main/mcppolicy}, or {@code git:REF} for the same files at a git revision.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.baseline", required = true)
  String baseline;

  /**
   * Recorded traffic to decide with both policies, besides the traces under {@code src/test/mcppolicy}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.trafficDirectory")
  File trafficDirectory;

  /** @since 0.1.0 */
  @Parameter(property = "mcppolicy.testDirectory", defaultValue = "${project.basedir}/src/test/mcppolicy")
  File testDirectory;

  /**
   * {@code permissive}: fail when a change is permissive or a call flips deny to allow;
   * {@code flip}: fail when any call flips. Unset: never fail on what the diff finds.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.failOn")
  String failOn;

  /** @since 0.1.0 */
  @Parameter(property = "mcppolicy.reportsDirectory", defaultValue = "${project.build.directory}/mcppolicy-reports")
  File reportsDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (nothingToDo(sourceDirectory)) {
      return;
    }
    if (failOn != null && !failOn.equals("permissive") && !failOn.equals("flip")) {
      throw new MojoExecutionException("mcppolicy: failOn is 'permissive' or 'flip', not '" + failOn + "'");
    }
    CompileOptions options = compileOptions();
    List<Path> traces = traces();
    StringBuilder markdown = new StringBuilder();
    // kept open until diff.jsonl is written: each holds its flips in a scratch file, streamed into the report
    List<DiffSession> sessions = new ArrayList<>();
    boolean permissive = false;
    long flips = 0;
    try {
      for (Path policy : policies(options)) {
        String rel = sourceDirectory.toPath().relativize(policy).toString().replace('\\', '/');
        Optional<DiffSession> diff = diff(policy, rel, traces, options);
        if (diff.isEmpty()) {
          continue;
        }
        sessions.add(diff.get());
        markdown.append("#### ").append(rel).append("\n\n");
        StringWriter md = new StringWriter();
        diff.get().markdown(md);
        markdown.append(md).append('\n');
        getLog().info("mcppolicy: " + rel + ": " + DiffReport.plan(diff.get().changes()).strip());
        diff.get().traffic().ifPresent(t -> getLog().info("mcppolicy: " + rel + ": "
            + DiffReport.trafficText(t).lines().findFirst().orElse("")));
        permissive |= diff.get().permissive();
        flips += diff.get().flips();
      }
      AtomicFiles.write(reportsDirectory.toPath().resolve("diff.md"), markdown.toString());
      AtomicFiles.write(reportsDirectory.toPath().resolve("diff.jsonl"), out -> {
        java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
        for (DiffSession session : sessions) {
          session.jsonl(w);
        }
        w.flush();
      });
    } catch (IOException e) {
      throw new MojoExecutionException("mcppolicy: cannot write the diff to " + reportsDirectory + ": " + e.getMessage(), e);
    } finally {
      for (DiffSession session : sessions) {
        try {
          session.close();
        } catch (IOException e) {
          getLog().warn("mcppolicy: cannot remove a scratch file: " + e.getMessage());
        }
      }
    }
    if ("permissive".equals(failOn) && permissive) {
      throw new MojoFailureException("mcppolicy: the change lets more through (failOn=permissive): see "
          + reportsDirectory.toPath().resolve("diff.md"));
    }
    if ("flip".equals(failOn) && flips > 0) {
      throw new MojoFailureException("mcppolicy: " + flips + " recorded calls flip (failOn=flip): see "
          + reportsDirectory.toPath().resolve("diff.md"));
    }
  }

  /** One policy against its baseline; empty (with a warning) when it has none, a new policy. */
  private Optional<DiffSession> diff(Path policy, String rel, List<Path> traces, CompileOptions options)
      throws MojoExecutionException, MojoFailureException, IOException {
    Optional<LoadedPolicy> old = baseline(rel, options);
    if (old.isEmpty()) {
      getLog().warn("mcppolicy: " + rel + " has no baseline in " + baseline + ": a new policy, not compared");
      return Optional.empty();
    }
    LoadedPolicy now = LoadedPolicy.load(policy, name(policy), options);
    MavenLog.diagnostics(getLog(), old.get().diagnostics());
    MavenLog.diagnostics(getLog(), now.diagnostics());
    if (old.get().document().isEmpty() || now.document().isEmpty()) {
      throw new MojoFailureException("mcppolicy: " + rel + " or its baseline could not be loaded; nothing was compared");
    }
    List<String> problems = new ArrayList<>();
    DiffSession.Traffic traffic = new DiffSession.Traffic(traces, this::name, false, Optional.empty(), Optional.empty(),
        WindowMode.CALENDAR);
    DiffSession diff;
    try {
      diff = DiffSession.run(old.get(), now, traffic, true, d -> {
        getLog().error("mcppolicy: " + d.message());
        problems.add(d.message());
      });
    } catch (IOException e) {
      throw new MojoExecutionException("mcppolicy: diff of " + rel + ": " + e.getMessage(), e);
    }
    if (diff.trafficProblems()) {
      diff.close();
      throw new MojoFailureException("mcppolicy: " + String.join("; ", problems));
    }
    return Optional.of(diff);
  }

  /** The policies of the source folder: each .mcppolicy that declares default, in path order. */
  private List<Path> policies(CompileOptions options) throws MojoExecutionException {
    try (Stream<Path> files = Files.walk(sourceDirectory.toPath())) {
      return files.filter(p -> p.toString().endsWith(".mcppolicy")).sorted()
          .filter(p -> PolicyCompiler.check(p, options).isPolicy()).toList();
    } catch (IOException e) {
      throw new MojoExecutionException("mcppolicy: cannot list " + sourceDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Every trace of the test folder and the traffic folder, in path order. */
  private List<Path> traces() throws MojoExecutionException {
    List<Path> out = new ArrayList<>();
    for (File folder : new File[] {testDirectory, trafficDirectory}) {
      if (folder == null || !folder.isDirectory()) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder.toPath())) {
        files.filter(p -> p.toString().endsWith(".trace.jsonl")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new MojoExecutionException("mcppolicy: cannot list " + folder + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The baseline of the policy at {@code rel}: in the baseline folder (.mcppolicy, else .json), or at the git revision. */
  private Optional<LoadedPolicy> baseline(String rel, CompileOptions options) throws MojoExecutionException {
    if (baseline.startsWith("git:")) {
      String revision = baseline.substring("git:".length());
      Path file = sourceDirectory.toPath().resolve(rel).toAbsolutePath().normalize();
      try {
        GitRevision at = GitRevision.at(revision, basedir.toPath());
        if (!at.isFile(file)) {
          return Optional.empty();
        }
        return Optional.of(LoadedPolicy.load(file, baseline + ":" + name(file), options.withSources(at)));
      } catch (IOException e) {
        throw new MojoExecutionException("mcppolicy: baseline " + baseline + ": " + e.getMessage(), e);
      }
    }
    Path folder = basedir.toPath().resolve(baseline);
    if (!Files.isDirectory(folder)) {
      throw new MojoExecutionException("mcppolicy: the baseline folder " + folder + " does not exist");
    }
    Path source = folder.resolve(rel);
    Path json = folder.resolve(rel.replaceAll("\\.mcppolicy$", ".json"));
    Path file = Files.isRegularFile(source) ? source : json;
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(LoadedPolicy.load(file, name(file), options.withImportPath(List.of(folder))));
  }

  private String name(Path p) {
    return DisplayNames.of(p, basedir.toPath().toAbsolutePath());
  }
}
