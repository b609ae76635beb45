package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.syntax.Strings;
import java.util.Collection;

/**
 * What is said of a tool name that no catalog of a bound policy lists: an error where a policy
 * names it (a typo in {@code hide} fails open, one in {@code allow} fails closed), a warning where
 * a test step or a trace record calls it (the call is decided all the same).
 */
public final class UnknownTool {
  private UnknownTool() {}

  /** E203: a statement of the policy names {@code name}. */
  static Diagnostic named(String name, Collection<String> known, SourceFile file, Span span) {
    String declare = "to declare a tool the server has but its catalog lacks, import a local catalog beside the "
        + "server's: catalog extra_tools { " + Strings.toolName(name) + " write }";
    String help = Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'? " + capitalized(declare))
        .orElse("no catalog this policy imports lists it; " + declare);
    return Diagnostic.of(Code.E203, "unknown tool '" + name + "'", file, span).withHelp(help);
  }

  /** E211: a test step or trace record calls {@code name}. */
  public static Diagnostic called(String name, Collection<String> known, SourceFile file, Span span) {
    Diagnostic d = Diagnostic.of(Code.E211, "unknown tool '" + name + "': no catalog the policy imports lists it", file,
        span);
    return Suggestions.closest(name, known).map(s -> d.withHelp("did you mean '" + s + "'?")).orElse(d);
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
