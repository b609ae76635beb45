package dev.mcppolicy.diff;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changed between two compiled policies, part by part (docs/diff.md): the default, {@code
 * hide *}, each tool's standing (hidden, not permitted, open), each {@code require} and {@code
 * deny_if} entry, each limit, each all-tools limit; each classified permissive, restrictive or
 * changed, with the source line on each side.
 */
public final class StaticDiff {
  private final PolicyDocument old;
  private final PolicyDocument now;
  private final SourceMap oldMap;
  private final SourceMap newMap;
  private final List<Change> changes = new ArrayList<>();

  private StaticDiff(PolicyDocument old, SourceMap oldMap, PolicyDocument now, SourceMap newMap) {
    this.old = old;
    this.now = now;
    this.oldMap = oldMap;
    this.newMap = newMap;
  }

  /** Every change from {@code old} to {@code now}: the document's first, then tool by tool in code-point order. */
  public static List<Change> between(PolicyDocument old, SourceMap oldMap, PolicyDocument now, SourceMap newMap) {
    StaticDiff d = new StaticDiff(old, oldMap, now, newMap);
    d.document();
    TreeSet<String> tools = new TreeSet<>(CodePoints.ORDER);
    for (PolicyDocument doc : List.of(old, now)) {
      tools.addAll(doc.tools().keySet());
      doc.hide().stream().filter(h -> !h.equals("*")).forEach(tools::add);
    }
    tools.forEach(d::tool);
    return List.copyOf(d.changes);
  }

  private void document() {
    if (old.defaultPosture() != now.defaultPosture()) {
      add(Optional.empty(), "default", now.defaultPosture() == Posture.ALLOW ? Change.Effect.PERMISSIVE : Change.Effect.RESTRICTIVE,
          old.defaultPosture().word(), now.defaultPosture().word(), oldMap.posture(), newMap.posture());
    }
    boolean hidAll = old.hide().contains("*");
    boolean hidesAll = now.hide().contains("*");
    if (hidAll != hidesAll) {
      add(Optional.empty(), "hide *", hidesAll ? Change.Effect.RESTRICTIVE : Change.Effect.PERMISSIVE,
          hidAll ? "hide *" : "(none)", hidesAll ? "hide *" : "(none)",
          Optional.ofNullable(oldMap.hidden().get("*")), Optional.ofNullable(newMap.hidden().get("*")));
    }
    limits(Optional.empty(), "all_tools limit", old.allToolsLimits(), now.allToolsLimits(),
        c -> oldMap.rule(RuleIds.allToolsLimit(c)), c -> newMap.rule(RuleIds.allToolsLimit(c)));
  }

  /** How a tool stands before its rules: 0 hidden, 1 not permitted, 2 open (its rules and limits apply). */
  private static int standing(PolicyDocument doc, String tool) {
    if (doc.hide().contains("*") || doc.hide().contains(tool)) {
      return 0;
    }
    return doc.tools().containsKey(tool) || doc.defaultPosture() == Posture.ALLOW ? 2 : 1;
  }

  private static final String[] STANDINGS = {"hidden", "not permitted", "open"};

  private void tool(String tool) {
    int was = standing(old, tool);
    int is = standing(now, tool);
    Optional<String> t = Optional.of(tool);
    if (was != is) {
      add(t, "standing", is > was ? Change.Effect.PERMISSIVE : Change.Effect.RESTRICTIVE, STANDINGS[was], STANDINGS[is],
          standingSource(oldMap, old, tool, was), standingSource(newMap, now, tool, is));
      return; // a tool that opens or closes: its rules follow from that
    }
    if (is < 2) {
      return;
    }
    ToolPolicy a = old.tools().getOrDefault(tool, ToolPolicy.EMPTY);
    ToolPolicy b = now.tools().getOrDefault(tool, ToolPolicy.EMPTY);
    rules(tool, "require", a.require(), b.require());
    rules(tool, "deny_if", a.denyIf(), b.denyIf());
    limits(t, "limit", a.limits(), b.limits(), c -> oldMap.rule(RuleIds.toolLimit(tool, c)),
        c -> newMap.rule(RuleIds.toolLimit(tool, c)));
  }

  private static Optional<SourceMap.Origin> standingSource(SourceMap map, PolicyDocument doc, String tool, int standing) {
    return switch (standing) {
      case 0 -> Optional.ofNullable(map.hidden().get(tool)).or(() -> Optional.ofNullable(map.hidden().get("*")));
      case 1 -> map.posture();
      default -> Optional.ofNullable(map.tools().get(tool)).or(map::posture);
    };
  }

  /**
   * The entries of one kind: equal entries (conditions and message) are paired wherever they are;
   * the rest are paired in order, and what is left over was added or removed.
   */
  private void rules(String tool, String kind, List<Rule> was, List<Rule> is) {
    boolean denyIf = kind.equals("deny_if");
    List<Integer> oldLeft = new ArrayList<>();
    List<Integer> newLeft = new ArrayList<>();
    for (int i = 0; i < is.size(); i++) {
      newLeft.add(i);
    }
    for (int i = 0; i < was.size(); i++) {
      int match = -1;
      for (int j : newLeft) {
        if (was.get(i).equals(is.get(j))) {
          match = j;
          break;
        }
      }
      if (match >= 0) {
        newLeft.remove(Integer.valueOf(match));
      } else {
        oldLeft.add(i);
      }
    }
    int paired = Math.min(oldLeft.size(), newLeft.size());
    Optional<String> t = Optional.of(tool);
    for (int k = 0; k < paired; k++) {
      int i = oldLeft.get(k);
      int j = newLeft.get(k);
      Rule a = was.get(i);
      Rule b = is.get(j);
      Optional<SourceMap.Origin> from = oldMap.rule(id(tool, denyIf, i));
      Optional<SourceMap.Origin> to = newMap.rule(id(tool, denyIf, j));
      boolean stronger = Implication.implies(b.conditions(), a.conditions()); // b holds for fewer calls
      boolean weaker = Implication.implies(a.conditions(), b.conditions());
      if (stronger && weaker) {
        if (!a.onDeny().equals(b.onDeny())) {
          add(t, "message", Change.Effect.CHANGED, message(a), message(b), from, to);
        }
        continue;
      }
      Change.Effect effect = stronger ? (denyIf ? Change.Effect.PERMISSIVE : Change.Effect.RESTRICTIVE)
          : weaker ? (denyIf ? Change.Effect.RESTRICTIVE : Change.Effect.PERMISSIVE) : Change.Effect.CHANGED;
      add(t, kind, effect, describe(a), describe(b), from, to);
    }
    for (int k = paired; k < oldLeft.size(); k++) {
      int i = oldLeft.get(k);
      add(t, kind, Change.Effect.PERMISSIVE, describe(was.get(i)), "(none)", oldMap.rule(id(tool, denyIf, i)), Optional.empty());
    }
    for (int k = paired; k < newLeft.size(); k++) {
      int j = newLeft.get(k);
      add(t, kind, Change.Effect.RESTRICTIVE, "(none)", describe(is.get(j)), Optional.empty(), newMap.rule(id(tool, denyIf, j)));
    }
  }

  private static String id(String tool, boolean denyIf, int index) {
    return denyIf ? RuleIds.denyIf(tool, index) : RuleIds.require(tool, index);
  }

  /** Limits by counter name: one present on one side only was added or removed; one on both may have changed. */
  private void limits(Optional<String> tool, String kind, List<Limit> was, List<Limit> is,
      java.util.function.Function<String, Optional<SourceMap.Origin>> from,
      java.util.function.Function<String, Optional<SourceMap.Origin>> to) {
    Map<String, Limit> before = new LinkedHashMap<>();
    was.forEach(l -> before.put(l.counter(), l));
    Map<String, Limit> after = new LinkedHashMap<>();
    is.forEach(l -> after.put(l.counter(), l));
    for (Limit a : was) {
      Limit b = after.get(a.counter());
      if (b == null) {
        add(tool, kind, Change.Effect.PERMISSIVE, describe(a), "(none)", from.apply(a.counter()), Optional.empty());
      } else if (!a.equals(b)) {
        add(tool, kind, limitEffect(a, b), describe(a), describe(b), from.apply(a.counter()), to.apply(b.counter()));
      }
    }
    for (Limit b : is) {
      if (!before.containsKey(b.counter())) {
        add(tool, kind, Change.Effect.RESTRICTIVE, "(none)", describe(b), Optional.empty(), to.apply(b.counter()));
      }
    }
  }

  /**
   * A limit's change, exactly for calendar windows (each window lies within one of the next larger):
   * in the same window, a larger maximum admits more; in a smaller window, the new limit admits all
   * the old did when its maximum is no smaller, and no more when the larger window's worth of it
   * fits in the old maximum; and conversely.
   */
  static Change.Effect limitEffect(Limit a, Limit b) {
    long ratio = Math.max(a.window().millis(), b.window().millis()) / Math.min(a.window().millis(), b.window().millis());
    if (a.window() == b.window()) {
      return b.max() > a.max() ? Change.Effect.PERMISSIVE : b.max() < a.max() ? Change.Effect.RESTRICTIVE : Change.Effect.CHANGED;
    }
    if (b.window().millis() < a.window().millis()) { // the new window is smaller
      if (b.max() >= a.max()) {
        return Change.Effect.PERMISSIVE;
      }
      return b.max() * ratio <= a.max() ? Change.Effect.RESTRICTIVE : Change.Effect.CHANGED;
    }
    if (b.max() >= a.max() * ratio) {
      return Change.Effect.PERMISSIVE;
    }
    return b.max() <= a.max() ? Change.Effect.RESTRICTIVE : Change.Effect.CHANGED;
  }

  private void add(Optional<String> tool, String kind, Change.Effect effect, String was, String is,
      Optional<SourceMap.Origin> from, Optional<SourceMap.Origin> to) {
    changes.add(new Change(tool, kind, effect, was, is, from, to));
  }

  static String describe(Limit l) {
    return l.max() + "/" + l.window().word() + " as " + l.counter();
  }

  static String describe(Rule r) {
    List<String> parts = new ArrayList<>();
    for (Condition c : r.conditions()) {
      parts.add(c.path() + " " + c.op().word() + " " + JsonWriter.inline(c.value()));
    }
    return (parts.isEmpty() ? "(always)" : String.join(" and ", parts)) + message(r).transform(m -> m.isEmpty() ? "" : " " + m);
  }

  private static String message(Rule r) {
    return r.onDeny().map(m -> "message " + JsonWriter.inline(new dev.mcppolicy.json.JsonString(m))).orElse("");
  }
}
