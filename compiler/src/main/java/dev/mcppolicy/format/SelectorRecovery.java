package dev.mcppolicy.format;

import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Risk;
import dev.mcppolicy.model.ToolClass;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * With a catalog, the selectors ({@code class}, {@code risk}, globs) and stdlib presets that say
 * for many tools at once what a document says tool by tool (docs/import.md). It models the
 * compiler's precedence (language.md section 7): for each tool, the most specific statement
 * answers its visibility, a name (3) before a glob (2) before a class or risk (1), and the
 * policy's own statement before an imported one. A selector is recovered only where that makes
 * it exact: every tool it selects either gets the document's answer from it, or is answered by a
 * statement naming the tool, which the import then writes. Two recovered statements of the same
 * specificity never select the same tool (that would be a conflict, or a duplicate). The import
 * compiles the result and compares it with the document, so a recovery that would not
 * round-trip is never written.
 */
final class SelectorRecovery {
  /** A catalog tool's class and risk. */
  record Tool(ToolClass toolClass, Risk risk) {}

  /** A tool the document names that the catalog lacks, as the import declares it: its class inferred from its name. */
  static Tool extra(String name) {
    ToolClass c = ToolClass.fromWord(CatalogImport.inferred(name, name.replace('_', ' '))).orElseThrow();
    return new Tool(c, c.defaultRisk());
  }

  /**
   * What recovery found. {@code statements}: the recovered statements, in the order to write them
   * (visibility, then limits, which must come before the tools' own blocks). {@code shown}: tools
   * whose visibility a statement gives. {@code allowed}: tools with rules under a recovered
   * {@code hide} or {@code deny}, which need their own {@code allow}. {@code limited}: tools whose
   * first limit a statement gives.
   */
  record Plan(List<String> statements, Set<String> shown, Set<String> allowed, Set<String> limited) {
    static final Plan NONE = new Plan(List.of(), Set.of(), Set.of(), Set.of());
  }

  /** A preset's statement: a visibility answer, or a limit, for every tool of a class. */
  record Seed(ToolClass toolClass, String answer, Optional<Limit> limit) {
    static Seed shown(String answer, ToolClass c) {
      return new Seed(c, answer, Optional.empty());
    }

    static Seed limited(ToolClass c, long max, Window window) {
      return new Seed(c, "", Optional.of(new Limit("", window, max)));
    }
  }

  /** The stdlib presets, statement by statement (stdlib/src/main/resources/std/presets). */
  static final Map<String, List<Seed>> PRESETS = Map.of(
      "std/presets/recommended", List.of(Seed.shown("allow", ToolClass.READ),
          Seed.limited(ToolClass.WRITE, 30, Window.HOUR), Seed.limited(ToolClass.EXECUTE, 10, Window.MINUTE),
          Seed.shown("hide", ToolClass.DESTRUCTIVE)),
      "std/presets/read-only", List.of(Seed.shown("allow", ToolClass.READ), Seed.shown("hide", ToolClass.WRITE),
          Seed.shown("hide", ToolClass.EXECUTE), Seed.shown("hide", ToolClass.DESTRUCTIVE)));

  /** What the document wants for a tool's visibility. */
  private enum Wanted { HIDE, DENY, EMPTY, RULED, ABSENT }

  /** A selector, its specificity (a class or risk 1, a glob 2) and the tools it selects. */
  private record Candidate(String text, int specificity, Set<String> tools) {}

  /** The statement that answers a tool's visibility so far: its specificity, whether it is the policy's own, its answer. */
  private record Winner(int specificity, boolean own, String answer) {
    boolean losesTo(int otherSpecificity, boolean otherOwn) {
      return otherSpecificity > specificity || (otherSpecificity == specificity && otherOwn && !own);
    }
  }

  /** A visibility statement recovery writes, or a preset's ({@code own} false). */
  private record Chosen(Candidate candidate, String answer, boolean own) {}

  private static final int MIN_GAIN = 2;

  private final Map<String, Tool> catalog;
  private final PolicyDocument document;
  private final Map<String, Wanted> wanted = new TreeMap<>(CodePoints.ORDER);
  private final List<Chosen> chosen = new ArrayList<>();
  private Map<String, Winner> winners = new HashMap<>();
  private final Set<String> limitTaken = new HashSet<>();

  private SelectorRecovery(Map<String, Tool> catalog, PolicyDocument document) {
    this.catalog = catalog;
    this.document = document;
    for (String tool : catalog.keySet()) {
      wanted.put(tool, wanted(tool));
    }
  }

  /** The plan for {@code document} over {@code catalog} (every tool the policy will be bound to). */
  static Plan of(Map<String, Tool> catalog, PolicyDocument document) {
    if (document.hide().contains("*")) {
      return Plan.NONE;
    }
    return new SelectorRecovery(catalog, document).plan(List.of()).orElseThrow();
  }

  /**
   * The plan with {@code preset}'s statements (one of {@link #PRESETS}) imported first; empty when
   * one of them is not exact for this document, or answers wrongly for most of its tools.
   */
  static Optional<Plan> withPreset(Map<String, Tool> catalog, PolicyDocument document, String preset) {
    if (document.hide().contains("*")) {
      return Optional.empty();
    }
    return new SelectorRecovery(catalog, document).plan(PRESETS.get(preset));
  }

  private Wanted wanted(String tool) {
    if (document.hide().contains(tool)) {
      return Wanted.HIDE;
    }
    ToolPolicy p = document.tools().get(tool);
    if (p == null) {
      return Wanted.ABSENT;
    }
    if (p.require().isEmpty() && p.denyIf().isEmpty() && p.limits().isEmpty()) {
      return Wanted.EMPTY;
    }
    return denyMessage(p).isPresent() ? Wanted.DENY : Wanted.RULED;
  }

  /** The message of a tool that is only denied ({@code ""} without one); empty for anything else. */
  private static Optional<String> denyMessage(ToolPolicy p) {
    if (p.require().isEmpty() && p.limits().isEmpty() && p.denyIf().size() == 1 && p.denyIf().get(0).conditions().isEmpty()) {
      return Optional.of(p.denyIf().get(0).onDeny().orElse(""));
    }
    return Optional.empty();
  }

  private Optional<Plan> plan(List<Seed> seeds) {
    List<String> statements = new ArrayList<>();
    Set<String> limited = new HashSet<>();
    for (Seed seed : seeds) {
      Candidate c = candidate("class " + seed.toolClass().word(), 1, t -> t.toolClass() == seed.toolClass());
      if (seed.limit().isPresent()) {
        if (limitGain(c, seed.limit().get()) < 0) {
          return Optional.empty();
        }
        takeLimit(c, seed.limit().get(), limited);
      } else {
        if (!admissible(c, false) || (!c.tools().isEmpty() && !mostlyRight(c, seed.answer()))) {
          return Optional.empty();
        }
        choose(new Chosen(c, seed.answer(), false));
      }
    }
    List<Candidate> candidates = candidates();
    // first the selectors that are exact on their own, then those that need some tools named
    recoverVisibility(candidates, false);
    recoverVisibility(candidates, true);
    prune();
    chosen.stream().filter(Chosen::own).forEach(c -> statements.add(statement(c.answer(), c.candidate().text())));
    recoverLimits(candidates, statements, limited);
    Set<String> shown = new HashSet<>();
    Set<String> allowed = new HashSet<>();
    winners.forEach((t, w) -> {
      if (matches(t, w.answer())) {
        shown.add(t);
      } else if (wanted.get(t) == Wanted.RULED) {
        allowed.add(t);
      }
    });
    return Optional.of(new Plan(statements, shown, allowed, limited));
  }

  // ------------------------------------------------------------------ visibility

  /** Greedily, the selector and answer that save the most name statements, until none saves enough. */
  private void recoverVisibility(List<Candidate> candidates, boolean overrides) {
    while (true) {
      Candidate best = null;
      String bestAnswer = null;
      int bestGain = MIN_GAIN - 1;
      for (String answer : answers()) {
        for (Candidate c : candidates) {
          boolean fits = admissible(c, true) && (overrides ? mostlyRight(c, answer) : allRight(c, answer));
          int gain = fits ? visibilityGain(c, answer) : -1;
          if (gain > bestGain) {
            best = c;
            bestAnswer = answer;
            bestGain = gain;
          }
        }
      }
      if (best == null) {
        return;
      }
      choose(new Chosen(best, bestAnswer, true));
    }
  }

  private void choose(Chosen c) {
    chosen.add(c);
    winners = winners(chosen);
  }

  /** Each tool's visibility answer under {@code statements}, by precedence. */
  private static Map<String, Winner> winners(List<Chosen> statements) {
    Map<String, Winner> out = new HashMap<>();
    for (Chosen c : statements) {
      for (String t : c.candidate().tools()) {
        Winner w = out.get(t);
        if (w == null || w.losesTo(c.candidate().specificity(), c.own())) {
          out.put(t, new Winner(c.candidate().specificity(), c.own(), c.answer()));
        }
      }
    }
    return out;
  }

  /**
   * Drops each recovered statement that later ones made redundant (an exact glob that a class
   * chosen after it answers the same way): without it, no tool needs a statement of its own.
   */
  private void prune() {
    for (int i = chosen.size() - 1; i >= 0; i--) {
      if (!chosen.get(i).own()) {
        continue;
      }
      List<Chosen> without = new ArrayList<>(chosen);
      without.remove(i);
      Map<String, Winner> after = winners(without);
      boolean redundant = chosen.get(i).candidate().tools().stream().allMatch(t ->
          named(t, answerOf(after.get(t))) <= named(t, answerOf(winners.get(t))));
      if (redundant) {
        chosen.remove(i);
        winners = after;
      }
    }
  }

  private static String answerOf(Winner w) {
    return w == null ? null : w.answer();
  }

  /** The answers the document gives some tool: allow, deny with each message, and hide. */
  private Set<String> answers() {
    Set<String> answers = new TreeSet<>(CodePoints.ORDER);
    for (Map.Entry<String, Wanted> e : wanted.entrySet()) {
      switch (e.getValue()) {
        case HIDE -> answers.add("hide");
        case EMPTY -> answers.add("allow");
        case DENY -> answers.add("deny:" + denyMessage(document.tools().get(e.getKey())).orElseThrow());
        default -> { }
      }
    }
    return answers;
  }

  private boolean matches(String tool, String answer) {
    Wanted w = wanted.get(tool);
    return switch (answer) {
      case "hide" -> w == Wanted.HIDE;
      case "allow" -> w == Wanted.EMPTY || w == Wanted.RULED;
      default -> w == Wanted.DENY && answer.equals("deny:" + denyMessage(document.tools().get(tool)).orElseThrow());
    };
  }

  /**
   * Whether {@code c} may be written: it selects no tool the document leaves out (no statement
   * takes an answer back), and, if it is the policy's own, no tool that another own statement of
   * its specificity already answers.
   */
  private boolean admissible(Candidate c, boolean own) {
    for (String t : c.tools()) {
      Winner w = winners.get(t);
      if (wanted.get(t) == Wanted.ABSENT || (own && w != null && w.own() && w.specificity() == c.specificity())) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code answer} is right for every tool {@code c} would answer for. */
  private boolean allRight(Candidate c, String answer) {
    return c.tools().stream().allMatch(t -> !wins(c, t) || matches(t, answer));
  }

  /** Whether {@code answer} is right for most of the tools {@code c} would answer for (the rest are named). */
  private boolean mostlyRight(Candidate c, String answer) {
    long answered = c.tools().stream().filter(t -> wins(c, t)).count();
    long right = c.tools().stream().filter(t -> wins(c, t) && matches(t, answer)).count();
    return right * 2 > answered;
  }

  private boolean wins(Candidate c, String tool) {
    Winner w = winners.get(tool);
    return w == null || w.losesTo(c.specificity(), true);
  }

  /** Statements that name a tool, less with {@code c} answering {@code answer} than without. */
  private int visibilityGain(Candidate c, String answer) {
    int gain = 0;
    for (String t : c.tools()) {
      if (wins(c, t)) {
        Winner w = winners.get(t);
        gain += named(t, w == null ? null : w.answer()) - named(t, answer);
      }
    }
    return gain;
  }

  /** Whether {@code tool} needs a statement of its own (0 or 1) when its visibility answer is {@code answer} (null: none). */
  private int named(String tool, String answer) {
    return switch (wanted.get(tool)) {
      case RULED -> answer == null || answer.equals("allow") ? 0 : 1;
      case ABSENT -> 0;
      default -> answer != null && matches(tool, answer) ? 0 : 1;
    };
  }

  private static String statement(String answer, String selector) {
    if (answer.startsWith("deny:")) {
      String message = answer.substring("deny:".length());
      return "deny " + selector + (message.isEmpty() ? "" : " message " + PolicyImport.quoted(message));
    }
    return answer + " " + selector;
  }

  // ------------------------------------------------------------------ limits

  /**
   * Greedily, a limit many tools have first, under the counter name the compiler would give it,
   * for a selector; limit selectors never overlap, so a tool gets at most its first limit from one.
   */
  private void recoverLimits(List<Candidate> candidates, List<String> statements, Set<String> limited) {
    while (true) {
      Candidate best = null;
      Limit bestLimit = null;
      int bestGain = MIN_GAIN - 1;
      for (Limit limit : firstLimits()) {
        for (Candidate c : candidates) {
          int gain = limitGain(c, limit);
          if (gain > bestGain) {
            best = c;
            bestLimit = limit;
            bestGain = gain;
          }
        }
      }
      if (best == null) {
        return;
      }
      statements.add("tool " + best.text() + " limit " + bestLimit.max() + "/" + bestLimit.window().word() + " per grant");
      takeLimit(best, bestLimit, limited);
    }
  }

  private void takeLimit(Candidate c, Limit limit, Set<String> limited) {
    limitTaken.addAll(c.tools());
    for (String t : c.tools()) {
      if (firstLimitIs(t, limit)) {
        limited.add(t);
      }
    }
  }

  /** Every distinct first limit of a tool entry (counter names aside). */
  private Set<Limit> firstLimits() {
    Map<String, Limit> out = new TreeMap<>(CodePoints.ORDER);
    for (ToolPolicy p : document.tools().values()) {
      if (!p.limits().isEmpty()) {
        Limit l = p.limits().get(0);
        out.putIfAbsent(l.window().word() + "/" + l.max(), new Limit("", l.window(), l.max()));
      }
    }
    return new LinkedHashSet<>(out.values());
  }

  /** Whether {@code tool}'s first limit is {@code limit} under the counter the compiler would name, alone in its window. */
  private boolean firstLimitIs(String tool, Limit limit) {
    ToolPolicy p = document.tools().get(tool);
    if (p == null || p.limits().isEmpty()) {
      return false;
    }
    Limit first = p.limits().get(0);
    return first.window() == limit.window() && first.max() == limit.max() && PolicyImport.compilerNames(tool, p.limits(), first);
  }

  /**
   * Tools that get {@code limit} from a statement over {@code c}; below zero when it may not be
   * written: it would give a limit to a tool whose entry has none in that window (or a tool the
   * document leaves out), or select a tool another recovered limit covers. Hidden and denied tools
   * do not matter: a limit beside them has no effect. A tool with a different limit in that window
   * keeps its own, which is more specific.
   */
  private int limitGain(Candidate c, Limit limit) {
    int gain = 0;
    for (String t : c.tools()) {
      if (limitTaken.contains(t)) {
        return -1;
      }
      Wanted w = wanted.get(t);
      if (w == Wanted.HIDE || w == Wanted.DENY) {
        continue;
      }
      if (firstLimitIs(t, limit)) {
        gain++;
        continue;
      }
      ToolPolicy p = document.tools().get(t);
      if (p == null || p.limits().stream().noneMatch(l -> l.window() == limit.window())) {
        return -1;
      }
    }
    return gain;
  }

  // ------------------------------------------------------------------ candidates

  /**
   * Classes, then risks, then globs that end at a separator ({@code _ - .}), each with the tools it
   * selects; of selectors that select the same tools, only the first (of globs, the longest).
   * Ties in gain go to the earlier one.
   */
  private List<Candidate> candidates() {
    Map<Set<String>, Candidate> bySet = new LinkedHashMap<>();
    for (ToolClass c : ToolClass.values()) {
      keep(bySet, candidate("class " + c.word(), 1, t -> t.toolClass() == c));
    }
    for (Risk r : Risk.values()) {
      keep(bySet, candidate("risk == " + r.word(), 1, t -> t.risk() == r));
    }
    for (Risk r : Risk.values()) {
      if (r != Risk.LOW) {
        keep(bySet, candidate("risk >= " + r.word(), 1, t -> t.risk().compareTo(r) >= 0));
      }
      if (r != Risk.CRITICAL) {
        keep(bySet, candidate("risk <= " + r.word(), 1, t -> t.risk().compareTo(r) <= 0));
      }
    }
    Set<String> prefixes = new TreeSet<>(CodePoints.ORDER);
    for (String name : catalog.keySet()) {
      for (int i = 1; i < name.length(); i++) {
        char ch = name.charAt(i);
        if ((ch == '_' || ch == '-' || ch == '.') && PolicyImport.isBareName(name.substring(0, i + 1) + "x")) {
          prefixes.add(name.substring(0, i + 1));
        }
      }
    }
    List<String> ordered = new ArrayList<>(prefixes);
    ordered.sort((a, b) -> a.length() != b.length() ? b.length() - a.length() : CodePoints.ORDER.compare(a, b));
    for (String prefix : ordered) {
      keep(bySet, candidate(prefix + "*", 2, t -> false, prefix));
    }
    return new ArrayList<>(bySet.values());
  }

  private static void keep(Map<Set<String>, Candidate> bySet, Candidate c) {
    if (!c.tools().isEmpty()) {
      bySet.putIfAbsent(c.tools(), c);
    }
  }

  private Candidate candidate(String text, int specificity, Predicate<Tool> selects) {
    return candidate(text, specificity, selects, null);
  }

  private Candidate candidate(String text, int specificity, Predicate<Tool> selects, String prefix) {
    Set<String> tools = new TreeSet<>(CodePoints.ORDER);
    catalog.forEach((name, tool) -> {
      if (prefix != null ? name.startsWith(prefix) : selects.test(tool)) {
        tools.add(name);
      }
    });
    return new Candidate(text, specificity, tools);
  }
}
