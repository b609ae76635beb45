package dev.mcppolicy.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mcppolicy}: the command line. Each command is a thin adapter over the library. */
@Command(name = "mcppolicy",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Policy-as-code for MCP gateways: compile, check, format, replay, explain, diff, import and test .mcppolicy files, and make catalogs.",
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  the policy has errors, or a check failed",
        "  2  bad usage, or an input that could not be read",
        "  3  internal error (a bug: please report it)"})
public final class Main implements java.util.concurrent.Callable<Integer> {
  /**
   * The commands by name, in the order help lists them. picocli builds a command's model from its
   * annotations by reflection, which costs more start-up than anything else a short command does;
   * so a run that names a command builds only that one, and any other run (help, a typo) builds all.
   * The names are written out rather than read from the annotations, which would parse all eleven
   * on every run (about 5 ms); CliTest checks that they match.
   */
  static final java.util.Map<String, Class<?>> COMMANDS = orderedMap(
      "compile", CompileCommand.class, "check", CheckCommand.class, "fmt", FmtCommand.class,
      "replay", ReplayCommand.class, "explain", ExplainCommand.class, "diff", DiffCommand.class, "import", ImportCommand.class,
      "catalog", CatalogCommand.class, "test", TestCommand.class,
      "verify", VerifyCommand.class,
      "help", CommandLine.HelpCommand.class);

  private static java.util.Map<String, Class<?>> orderedMap(Object... namesAndClasses) {
    var all = new java.util.LinkedHashMap<String, Class<?>>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      all.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    Class<?> named = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
    if (named != null) {
      cli.addSubcommand(args[0], named);
    } else {
      COMMANDS.forEach(cli::addSubcommand);
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true); // --windows sliding, --format jsonl
    cli.setExecutionStrategy(parsed -> {
      int code = new CommandLine.RunLast().execute(parsed);
      java.util.Optional<Reporting> reporting = reportingOf(parsed);
      out.flush();
      if (out.checkError()) {
        // a full disk, a closed pipe: what was printed is lost, so the run did not succeed
        String message = "mcppolicy: cannot write to standard output; the results are incomplete";
        reporting.ifPresentOrElse(r -> r.problem(err, dev.mcppolicy.diag.Code.E603, message), () -> err.println(message));
        code = Math.max(code, ExitCodes.USAGE);
      }
      reporting.ifPresent(r -> r.finish(err)); // with json or sarif, the run's one document
      return code;
    });
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean trace = parseResult.originalArgs().contains("--stacktrace");
      commandLine.getErr().println("mcppolicy: internal error: " + e + "; please report it"
          + (trace ? "" : " (run again with --stacktrace to include the stack trace)"));
      if (trace) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return ExitCodes.INTERNAL;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The Reporting mixin of the command that ran, if it has one (help has none). */
  private static java.util.Optional<Reporting> reportingOf(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    CommandLine.Model.CommandSpec mixin = last.commandSpec().mixins().get("reporting");
    return mixin != null && mixin.userObject() instanceof Reporting r ? java.util.Optional.of(r) : java.util.Optional.empty();
  }

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.println("mcppolicy: a command is required (compile, check, fmt, replay, test or verify)");
    spec.commandLine().usage(err);
    return ExitCodes.USAGE;
  }
}
