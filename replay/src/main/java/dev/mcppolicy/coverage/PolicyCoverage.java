package dev.mcppolicy.coverage;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.syntax.Conditions;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The coverage of one compiled policy over a run (docs/coverage.md): its {@link Point}s, made once
 * from the document and its source map, and which of them the run's calls covered. Each test
 * block and trace records into a {@link Recorder} of its own, added when it is done, so that a
 * trace decided again (out of order) counts once; coverage of a run is the union of its parts.
 */
public final class PolicyCoverage {
  /**
   * The points of one listed tool, by entry and condition; -1 where there is no such point.
   * {@code requireIds} and {@code denyIfIds} are the entries' rule identifiers, as decisions name them;
   * {@code conditional}: some entry has condition points (it has several conditions).
   */
  record ToolPoints(int ordinal, int allowed, String[] requireIds, int[][] require, int[][][] requireConditions,
      String[] denyIfIds, int[][] denyIf, int[][][] denyIfConditions, int[] all, boolean conditional) {}

  private final String policy;
  private final List<Point> points = new ArrayList<>();
  private final Map<String, ToolPoints> tools = new HashMap<>();
  private final Map<String, Integer> hidden = new HashMap<>();
  private final Map<String, Integer> limits = new HashMap<>();
  private int hideAll = -1;
  private int defaultDeny = -1;
  private final Simulator rules;
  private final BitSet covered = new BitSet();

  private PolicyCoverage(String policy, PolicyDocument document, SourceMap sources) {
    this.policy = policy;
    this.rules = Simulator.of(document, WindowMode.CALENDAR); // asked only for rules, which read no counters
    Where where = new Where(policy, sources);
    for (String h : document.hide()) {
      Optional<SourceMap.Origin> at = Optional.ofNullable(sources.hidden().get(h));
      if (h.equals("*")) {
        hideAll = add(Point.Kind.HIDDEN_CALLED, "hide *: no call to any tool", where.of(at, where.posture()));
      } else {
        hidden.put(h, add(Point.Kind.HIDDEN_CALLED, "hidden tool " + h + ": never called", where.of(at, where.posture())));
      }
    }
    if (hideAll >= 0) {
      hidden.clear(); // 'hide *' hides every tool: one point says so
    }
    Map<String, ToolPolicy> sorted = new TreeMap<>(CodePoints.ORDER);
    sorted.putAll(document.tools());
    if (hideAll < 0) {
      sorted.forEach((tool, entry) -> {
        if (!hidden.containsKey(tool)) { // hiding wins: the entry is never reached
          tools.put(tool, toolPoints(tool, entry, sources, where));
        }
      });
    }
    for (Limit l : document.allToolsLimits()) {
      String rule = RuleIds.allToolsLimit(l.counter());
      limits.put(rule, add(Point.Kind.LIMIT_REACHED, "all tools: limit " + l.max() + "/" + l.window().word() + " ("
          + l.counter() + ") never reached", where.of(sources.rule(rule), where.posture())));
    }
    if (document.defaultPosture() == Posture.DENY && hideAll < 0) {
      defaultDeny = add(Point.Kind.DEFAULT_DENIED, "default deny: no call to a tool the policy does not list",
          where.of(sources.posture(), where.posture()));
    }
  }

  /** The coverage of {@code document}, compiled from {@code policy} (its name in reports), with its source map. */
  public static PolicyCoverage of(String policy, PolicyDocument document, SourceMap sources) {
    return new PolicyCoverage(policy, document, sources);
  }

  private ToolPoints toolPoints(String tool, ToolPolicy entry, SourceMap sources, Where where) {
    int first = points.size();
    SourceMap.Line toolLine = where.of(Optional.ofNullable(sources.tools().get(tool)), where.posture());
    boolean alwaysDenied = entry.denyIf().stream().anyMatch(r -> r.conditions().isEmpty());
    int allowed = alwaysDenied ? -1 : add(Point.Kind.ALLOWED, "tool " + tool + ": never called and allowed", toolLine);
    int[][] require = new int[entry.require().size()][];
    int[][][] requireConditions = new int[entry.require().size()][][];
    String[] requireIds = new String[require.length];
    for (int i = 0; i < require.length; i++) {
      Rule r = entry.require().get(i);
      requireIds[i] = RuleIds.require(tool, i);
      SourceMap.Line line = where.of(sources.rule(requireIds[i]), toolLine);
      String what = "tool " + tool + ": require " + Conditions.source(r.conditions());
      require[i] = new int[] {add(Point.Kind.REQUIRE_PASSED, what + ": never passed", line),
          r.conditions().isEmpty() ? -1 : add(Point.Kind.REQUIRE_DENIED, what + ": never denied a call", line)};
      requireConditions[i] = conditions(tool, "require", r, line);
    }
    int[][] denyIf = new int[entry.denyIf().size()][];
    int[][][] denyIfConditions = new int[entry.denyIf().size()][][];
    String[] denyIfIds = new String[denyIf.length];
    for (int i = 0; i < denyIf.length; i++) {
      Rule r = entry.denyIf().get(i);
      denyIfIds[i] = RuleIds.denyIf(tool, i);
      SourceMap.Line line = where.of(sources.rule(denyIfIds[i]), toolLine);
      if (r.conditions().isEmpty()) {
        denyIf[i] = new int[] {add(Point.Kind.DENY_IF_FIRED, "tool " + tool + ": deny: never called", line), -1};
      } else {
        String what = "tool " + tool + ": deny if " + Conditions.source(r.conditions());
        denyIf[i] = new int[] {add(Point.Kind.DENY_IF_FIRED, what + ": never fired", line),
            add(Point.Kind.DENY_IF_NOT_FIRED, what + ": never let a call through", line)};
      }
      denyIfConditions[i] = conditions(tool, "deny if", r, line);
    }
    for (Limit l : entry.limits()) {
      String rule = RuleIds.toolLimit(tool, l.counter());
      limits.put(rule, add(Point.Kind.LIMIT_REACHED, "tool " + tool + ": limit " + l.max() + "/" + l.window().word()
          + " (" + l.counter() + ") never reached", where.of(sources.rule(rule), toolLine)));
    }
    int[] all = new int[points.size() - first];
    int n = 0;
    for (int p = first; p < points.size(); p++) {
      if (points.get(p).kind() != Point.Kind.LIMIT_REACHED) {
        all[n++] = p;
      }
    }
    boolean conditional = entry.require().stream().anyMatch(r -> r.conditions().size() > 1)
        || entry.denyIf().stream().anyMatch(r -> r.conditions().size() > 1);
    return new ToolPoints(tools.size(), allowed, requireIds, require, requireConditions, denyIfIds, denyIf, denyIfConditions,
        java.util.Arrays.copyOf(all, n), conditional);
  }

  /**
   * A true and a false point for each condition of an entry with several; an entry with one
   * condition has none of its own, since its entry's points say the same.
   */
  private int[][] conditions(String tool, String kind, Rule r, SourceMap.Line line) {
    int[][] out = new int[r.conditions().size()][];
    for (int c = 0; c < out.length; c++) {
      if (r.conditions().size() < 2) {
        out[c] = new int[] {-1, -1};
        continue;
      }
      Condition condition = r.conditions().get(c);
      String what = "tool " + tool + ": " + Conditions.source(condition) + " (in " + kind + " " + Conditions.source(r.conditions()) + ")";
      out[c] = new int[] {add(Point.Kind.CONDITION_TRUE, what + ": never true", line),
          add(Point.Kind.CONDITION_FALSE, what + ": never false", line)};
    }
    return out;
  }

  private int add(Point.Kind kind, String what, SourceMap.Line line) {
    points.add(new Point(kind, what, line.file(), line.line()));
    return points.size() - 1;
  }

  /** Where points go: the line an origin names, or a fallback (the default line, else line 1 of the policy). */
  private record Where(String policy, SourceMap sources) {
    SourceMap.Line of(Optional<SourceMap.Origin> origin, SourceMap.Line fallback) {
      return origin.map(SourceMap.Origin::line).orElse(fallback);
    }

    SourceMap.Line posture() {
      return sources.posture().map(SourceMap.Origin::line).orElse(new SourceMap.Line(policy, 1));
    }
  }

  /** The policy's name, as reports show it. */
  public String policy() {
    return policy;
  }

  /** Every point, in the order made: hidden tools, listed tools (by name) and their entries, all-tools limits, default deny. */
  public List<Point> points() {
    return List.copyOf(points);
  }

  public boolean covered(int point) {
    return covered.get(point);
  }

  public int coveredCount() {
    return covered.cardinality();
  }

  /** Covered points in parts per million of all points (1,000,000 when there are none): exact, for thresholds. */
  public long coveredPpm() {
    return points.isEmpty() ? 1_000_000 : covered.cardinality() * 1_000_000L / points.size();
  }

  /** Points never covered, by file, line, and the order they were made. */
  public List<Point> uncovered() {
    List<Integer> out = new ArrayList<>();
    for (int i = covered.nextClearBit(0); i < points.size(); i = covered.nextClearBit(i + 1)) {
      out.add(i);
    }
    out.sort(Comparator.comparing((Integer i) -> points.get(i).file(), CodePoints.ORDER)
        .thenComparingInt(i -> points.get(i).line()).thenComparingInt(i -> i));
    return out.stream().map(points::get).toList();
  }

  /** A recorder for one test block or trace; {@link #add} it when it is done. */
  public Recorder recorder() {
    return new Recorder(this);
  }

  /** Adds what a recorder saw. */
  public void add(Recorder recorder) {
    covered.or(recorder.seen());
  }

  // ---------------------------------------------------------------- for the recorder

  Simulator rules() {
    return rules;
  }

  int hideAll() {
    return hideAll;
  }

  Integer hidden(String tool) {
    return hidden.get(tool);
  }

  ToolPoints tool(String tool) {
    return tools.get(tool);
  }

  int toolCount() {
    return tools.size();
  }

  Integer limit(String rule) {
    return limits.get(rule);
  }

  int defaultDeny() {
    return defaultDeny;
  }
}
