package dev.mcppolicy.differential;

import dev.mcppolicy.compiler.Module;
import dev.mcppolicy.compiler.Program;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.LimitClause;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.SelectorItem;
import dev.mcppolicy.syntax.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second, deliberately simple reading of the language: it decides a call straight from the
 * checked syntax tree of a .mcppolicy (language.md sections 3 to 8 and the decision model of
 * docs/decision-model.md), with no output model, no DNF, and counters kept as lists of
 * instants. The differential test asserts that the simulator, deciding from the compiled JSON,
 * agrees with it on every call: a disagreement is a compiler (or simulator) bug.
 *
 * <p>It assumes a program that compiled without errors (no conflicts to resolve).
 */
final class SourceEvaluator {
  /** What decided a call, in terms both sides can name. */
  record Outcome2(String kind, String detail) {
    @Override
    public String toString() {
      return kind + (detail.isEmpty() ? "" : " " + detail);
    }
  }

  private record Placed(Statement statement, int distance, int order) {}

  private final List<Placed> statements = new ArrayList<>();
  private final Map<String, Item.CatalogEntry> catalog = new HashMap<>();
  private final Posture posture;
  private final Map<String, List<Instant>> counted = new HashMap<>();

  SourceEvaluator(Program program) {
    int order = 0;
    for (Module m : program.modules()) {
      for (Item.Catalog c : m.catalogs()) {
        for (Item.CatalogEntry e : c.entries()) {
          catalog.putIfAbsent(e.name().value(), e);
        }
      }
      for (Statement s : m.statements()) {
        statements.add(new Placed(s, m.distance(), order++));
      }
    }
    posture = program.root().defaultDecl().orElseThrow().posture();
  }

  Outcome2 decide(String grant, String tool, JsonObject args, Instant at, Outcome outcome) {
    // visibility: highest specificity, then nearest file
    Placed visibility = null;
    int best = -1;
    for (Placed p : statements) {
      Statement s = p.statement();
      if (!(s instanceof Statement.Allow || s instanceof Statement.Hide || s instanceof Statement.Deny)) {
        continue;
      }
      int spec = specificity(selector(s), tool);
      if (spec < 0) {
        continue;
      }
      if (spec > best || (spec == best && p.distance() < visibility.distance())) {
        best = spec;
        visibility = p;
      }
    }
    if (visibility != null && visibility.statement() instanceof Statement.Hide) {
      return new Outcome2("hidden", "");
    }
    if (visibility != null && visibility.statement() instanceof Statement.Deny d) {
      return new Outcome2("rule", d.message().map(m -> m.value()).orElse("(unnamed)"));
    }
    boolean hasToolStatement = statements.stream().anyMatch(p ->
        (p.statement() instanceof Statement.ToolBlock || p.statement() instanceof Statement.ToolLimit)
            && specificity(selector(p.statement()), tool) >= 0);
    boolean listed = visibility != null || hasToolStatement;
    if (!listed && posture == Posture.DENY) {
      return new Outcome2("default deny", "");
    }
    // rules, in statement order: every require, then every deny if
    for (Placed p : statements) {
      if (p.statement() instanceof Statement.ToolBlock b && specificity(b.selector().items(), tool) >= 0) {
        for (RuleItem r : b.rules()) {
          if (r instanceof RuleItem.Require q && !holds(q.condition(), args)) {
            return new Outcome2("rule", q.message().map(m -> m.value()).orElse("(unnamed)"));
          }
        }
      }
    }
    for (Placed p : statements) {
      if (p.statement() instanceof Statement.ToolBlock b && specificity(b.selector().items(), tool) >= 0) {
        for (RuleItem r : b.rules()) {
          if (r instanceof RuleItem.DenyIf d && holds(d.condition(), args)) {
            return new Outcome2("rule", d.message().map(m -> m.value()).orElse("(unnamed)"));
          }
        }
      }
    }
    // limits: per window the most specific, nearest statement; then all-tools limits
    List<Object[]> limits = new ArrayList<>(); // {counterKey, window, max}
    if (listed) {
      List<Object[]> own = new ArrayList<>();
      for (Window w : Window.values()) {
        int bestSpec = -1;
        int bestDistance = Integer.MAX_VALUE;
        List<Object[]> chosen = new ArrayList<>();
        for (Placed p : statements) {
          int spec = specificity(selector(p.statement()), tool);
          List<LimitClause> clauses = limitsOf(p.statement());
          for (int index = 0; index < clauses.size(); index++) {
            LimitClause l = clauses.get(index);
            if (spec < 0 || l.window() != w) {
              continue;
            }
            if (spec > bestSpec || (spec == bestSpec && p.distance() < bestDistance)) {
              bestSpec = spec;
              bestDistance = p.distance();
              chosen.clear();
            }
            boolean duplicate = chosen.stream().map(o -> (LimitClause) o[0]).anyMatch(c -> c.count() == l.count()
                && c.counter().map(n -> n.value()).equals(l.counter().map(n -> n.value())));
            if (spec == bestSpec && p.distance() == bestDistance && !duplicate) {
              // the same answer twice at one level (written as odd_name and "odd_name", say) is one limit (E405)
              chosen.add(new Object[] {l, p.order(), index});
            }
          }
        }
        own.addAll(chosen);
      }
      // source order: statement order, then the limit's place in its block
      own.sort((a, b) -> a[1].equals(b[1]) ? Integer.compare((int) a[2], (int) b[2]) : Integer.compare((int) a[1], (int) b[1]));
      for (Object[] o : own) {
        LimitClause l = (LimitClause) o[0];
        String name = l.counter().map(n -> n.value())
            .orElse(own.size() == 1 ? tool + "_rate" : tool + "_rate_" + l.window().word());
        limits.add(new Object[] {name, l.window(), l.count()});
      }
    }
    Map<Window, Object[]> allTools = new HashMap<>();
    Map<Window, Integer> allDistance = new HashMap<>();
    for (Placed p : statements) {
      if (p.statement() instanceof Statement.AllToolsLimit a) {
        Window w = a.limit().window();
        if (!allTools.containsKey(w) || p.distance() < allDistance.get(w)) {
          allTools.put(w, new Object[] {a.limit().counter().map(n -> n.value()).orElse("calls_per_" + w.word()),
              w, a.limit().count(), p.order()});
          allDistance.put(w, p.distance());
        }
      }
    }
    allTools.values().stream().sorted((a, b) -> Integer.compare((int) a[3], (int) b[3]))
        .forEach(o -> limits.add(new Object[] {o[0], o[1], o[2]}));
    for (Object[] l : limits) {
      if (count(grant, (String) l[0], (Window) l[1], at) + 1 > (long) l[2]) {
        return new Outcome2("limit", (String) l[0]);
      }
    }
    if (outcome != Outcome.RPC_ERROR) {
      for (Object[] l : limits) {
        counted.computeIfAbsent(grant + "/" + l[0], k -> new ArrayList<>()).add(at);
      }
    }
    return new Outcome2("allow", "");
  }

  private long count(String grant, String counter, Window w, Instant at) {
    long seconds = w.millis() / 1000;
    long window = Math.floorDiv(at.getEpochSecond(), seconds);
    return counted.getOrDefault(grant + "/" + counter, List.of()).stream()
        .filter(i -> Math.floorDiv(i.getEpochSecond(), seconds) == window).count();
  }

  private static List<SelectorItem> selector(Statement s) {
    if (s instanceof Statement.Allow a) {
      return a.selector().items();
    }
    if (s instanceof Statement.Hide h) {
      return h.selector().items();
    }
    if (s instanceof Statement.Deny d) {
      return d.selector().items();
    }
    if (s instanceof Statement.ToolLimit t) {
      return t.selector().items();
    }
    if (s instanceof Statement.ToolBlock b) {
      return b.selector().items();
    }
    return List.of();
  }

  private static List<LimitClause> limitsOf(Statement s) {
    if (s instanceof Statement.ToolLimit t) {
      return List.of(t.limit());
    }
    if (s instanceof Statement.ToolBlock b) {
      return b.rules().stream().filter(r -> r instanceof RuleItem.LimitRule).map(r -> ((RuleItem.LimitRule) r).limit()).toList();
    }
    return List.of();
  }

  /** The highest specificity with which an item selects the tool, or -1. */
  private int specificity(List<SelectorItem> items, String tool) {
    int best = -1;
    for (SelectorItem item : items) {
      if (item instanceof SelectorItem.ByName n && n.name().value().equals(tool)) {
        best = Math.max(best, 3);
      } else if (item instanceof SelectorItem.ByGlob g && g.isStar()) {
        best = Math.max(best, 0);
      } else if (item instanceof SelectorItem.ByGlob g && catalog.containsKey(tool)
          && tool.matches(g.pattern().replace("?", ".").replace("*", ".*"))) {
        best = Math.max(best, 2);
      } else if (item instanceof SelectorItem.ByClass c && catalog.containsKey(tool)
          && catalog.get(tool).toolClass() == c.toolClass()) {
        best = Math.max(best, 1);
      } else if (item instanceof SelectorItem.ByRisk r && catalog.containsKey(tool)
          && r.op().test(catalog.get(tool).effectiveRisk(), r.level())) {
        best = Math.max(best, 1);
      }
    }
    return best;
  }

  private static boolean holds(Expr e, JsonObject args) {
    if (e instanceof Expr.Or o) {
      return o.terms().stream().anyMatch(t -> holds(t, args));
    }
    if (e instanceof Expr.And a) {
      return a.factors().stream().allMatch(f -> holds(f, args));
    }
    if (e instanceof Expr.Group g) {
      return holds(g.inner(), args);
    }
    Expr.Compare c = (Expr.Compare) e;
    JsonValue found = args;
    for (String segment : c.path().segments()) {
      if (!(found instanceof JsonObject o) || !o.members().containsKey(segment)) {
        found = null;
        break;
      }
      found = o.members().get(segment);
    }
    final JsonValue v = found;
    JsonValue want = c.value().value();
    if (v == null) {
      return switch (c.op()) {
        case EXISTS -> !((JsonBoolean) want).value();
        default -> false;
      };
    }
    return switch (c.op()) {
      case EXISTS -> !(v instanceof JsonNull) == ((JsonBoolean) want).value();
      case EQ -> equal(v, want);
      case NEQ -> !equal(v, want);
      case IN -> ((JsonArray) want).elements().stream().anyMatch(x -> equal(v, x));
      case NOT_IN -> ((JsonArray) want).elements().stream().noneMatch(x -> equal(v, x));
      case LT, LTE, GT, GTE -> {
        if (!(v instanceof JsonNumber n)) {
          yield false;
        }
        int cmp = Double.compare(GoReference.dbl(n) + 0.0, GoReference.dbl((JsonNumber) want) + 0.0);
        yield switch (c.op()) {
          case LT -> cmp < 0;
          case LTE -> cmp <= 0;
          case GT -> cmp > 0;
          default -> cmp >= 0;
        };
      }
      case REGEX -> v instanceof JsonString s && java.util.regex.Pattern.compile(((JsonString) want).value()).matcher(s.value()).find();
      case CONTAINS -> v instanceof JsonString s ? want instanceof JsonString w && s.value().contains(w.value())
          : v instanceof JsonArray list && list.elements().stream().anyMatch(x -> equal(x, want));
    };
  }

  /** Equality as the engine makes it (GoReference), written out again on purpose. */
  private static boolean equal(JsonValue a, JsonValue b) {
    return GoReference.equal(a, b);
  }
}
