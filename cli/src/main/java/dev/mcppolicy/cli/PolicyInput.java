package dev.mcppolicy.cli;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.run.LoadedPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A command's {@code --policy}: loaded, its diagnostics shown, and the exit code when it cannot be used. */
final class PolicyInput {
  private PolicyInput() {}

  /** The policy, and the exit code to stop with when it did not load. */
  record Loaded(LoadedPolicy policy, OptionalInt stop) {}

  /**
   * Loads {@code policy} and prints its diagnostics; when it did not load, the exit code to stop
   * with: 2 when the input could not be read, 1 when the policy has errors and nothing was {@code done}.
   */
  static Loaded load(Path policy, CompileOptions options, Reporting reporting, PrintWriter err, String done) {
    LoadedPolicy loaded = LoadedPolicy.load(policy, Names.of(policy), options);
    if (!loaded.diagnostics().isEmpty()) {
      reporting.print(loaded.diagnostics(), err, null);
    }
    if (loaded.document().isPresent()) {
      return new Loaded(loaded, OptionalInt.empty());
    }
    if (loaded.inputProblem()) {
      return new Loaded(loaded, OptionalInt.of(ExitCodes.USAGE));
    }
    reporting.summary(err, "mcppolicy: " + Names.of(policy) + " has errors; nothing was " + done);
    return new Loaded(loaded, OptionalInt.of(ExitCodes.FAILED));
  }
}
