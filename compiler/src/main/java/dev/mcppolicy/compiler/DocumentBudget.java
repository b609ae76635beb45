package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The most a compiled policy may hold, counted from the selections before anything is built: each
 * tool a statement selects gets its own copy of the statement's rules, so a few lines of globs and
 * {@code or}s multiply (a 21 KB source once compiled to 736 MB of JSON). Rules of tools that end up
 * hidden or denied are counted too: the count comes before visibility is decided. Past a limit,
 * E314 names the statement that adds the most, the total and by how much it is over.
 */
final class DocumentBudget {
  static final long MAX_TOOLS = 100_000;
  static final long MAX_RULES = 200_000;
  static final long MAX_CONDITIONS = 500_000;
  static final long MAX_BYTES = 64L << 20;

  private DocumentBudget() {}

  /** What one statement adds to each tool it selects. */
  private record PerTool(long rules, long conditions, long bytes) {}

  /**
   * True when the document fits; else reports why (E314) and returns false.
   *
   * @param selected how many tools each statement selects
   * @param conjunctions the {@code require} or {@code deny_if} entries a rule emits
   */
  static boolean fits(List<Placed> statements, Map<Placed, Integer> selected, int tools,
      BiFunction<RuleItem, Module, Optional<List<List<Condition>>>> conjunctions, Diagnostics sink) {
    if (tools > MAX_TOOLS) {
      Placed widest = null;
      for (Placed p : statements) {
        if (widest == null || selected.getOrDefault(p, 0) > selected.getOrDefault(widest, 0)) {
          widest = p;
        }
      }
      report(sink, widest, "tools", tools, MAX_TOOLS, selected.getOrDefault(widest, 0), 1);
      return false;
    }
    Map<Placed, PerTool> perTool = new HashMap<>();
    long rules = 0;
    long conditions = 0;
    long bytes = 0;
    for (Placed p : statements) {
      if (!(p.statement() instanceof Statement.ToolBlock block) || selected.getOrDefault(p, 0) == 0) {
        continue;
      }
      long r = 0;
      long c = 0;
      long b = 0;
      for (RuleItem rule : block.rules()) {
        if (rule instanceof RuleItem.Require || rule instanceof RuleItem.DenyIf) {
          for (List<Condition> conjunction : conjunctions.apply(rule, p.module()).orElse(List.of())) {
            r++;
            c += conjunction.size();
            b += bytes(conjunction);
          }
        }
      }
      perTool.put(p, new PerTool(r, c, b));
      long n = selected.get(p);
      rules += r * n;
      conditions += c * n;
      bytes += b * n;
    }
    if (rules > MAX_RULES) {
      return overBy(sink, perTool, selected, "rules", rules, MAX_RULES, PerTool::rules);
    }
    if (conditions > MAX_CONDITIONS) {
      return overBy(sink, perTool, selected, "conditions", conditions, MAX_CONDITIONS, PerTool::conditions);
    }
    if (bytes > MAX_BYTES) {
      return overBy(sink, perTool, selected, "bytes of JSON", bytes, MAX_BYTES, PerTool::bytes);
    }
    return true;
  }

  private static boolean overBy(Diagnostics sink, Map<Placed, PerTool> perTool, Map<Placed, Integer> selected,
      String what, long total, long limit, java.util.function.ToLongFunction<PerTool> measure) {
    Placed most = null;
    long mostAdds = -1;
    for (Map.Entry<Placed, PerTool> e : perTool.entrySet()) {
      long adds = measure.applyAsLong(e.getValue()) * selected.get(e.getKey());
      if (adds > mostAdds || adds == mostAdds && e.getKey().order() < most.order()) {
        most = e.getKey();
        mostAdds = adds;
      }
    }
    report(sink, most, what, total, limit, selected.get(most), measure.applyAsLong(perTool.get(most)));
    return false;
  }

  private static void report(Diagnostics sink, Placed at, String what, long total, long limit, long tools,
      long each) {
    sink.add(Diagnostic.of(Code.E314, "the compiled policy would have " + grouped(total) + " " + what + ", "
        + grouped(total - limit) + " more than the " + grouped(limit) + " a policy may have; this statement adds "
        + grouped(each * tools) + " (" + grouped(each) + " for each of the " + grouped(tools) + " tools it selects)",
        at.module().file(), at.statement().span())
        .withHelp("every tool a statement selects gets its own copy of its rules: select fewer tools, "
            + "or write fewer, broader rules"));
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** About the bytes a rule takes in the canonical layout: its conditions, values and indentation. */
  private static long bytes(List<Condition> conjunction) {
    long total = 40;
    for (Condition c : conjunction) {
      String value = JsonWriter.pretty(c.value());
      total += 90 + c.path().length() + value.length() + 14L * value.chars().filter(ch -> ch == '\n').count();
    }
    return total;
  }
}
