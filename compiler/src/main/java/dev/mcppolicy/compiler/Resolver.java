package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.diag.TextRenderer;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.DocumentRules;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.LimitClause;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.SelectorItem;
import dev.mcppolicy.syntax.Statement;
import dev.mcppolicy.syntax.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands selectors, applies precedence (language.md section 7), names counters (section 8) and
 * emits the output model. For each tool, visibility and each limit window are decided separately:
 * the highest specificity wins, then the nearest file (the compiled file beats what it imports);
 * two different answers that tie are an error naming both places. require and deny-if rules add up.
 */
final class Resolver {
  private static final int MAX_DISJUNCTS = 64;

  private final Program program;
  private final ToolCatalog catalog;
  private final Diagnostics sink;
  private final List<Placed> statements = new ArrayList<>();
  /** Statement pairs in conflict or duplicated, with the tools they share, reported once a pair. */
  private final Map<PairKey, TreeSet<String>> pairs = new LinkedHashMap<>();
  /** Where each emitted part came from (the source map); see {@link #sourceMap()}. */
  private final Map<String, SourceMap.Origin> ruleOrigins = new HashMap<>();
  private final Map<String, SourceMap.Origin> toolOrigins = new HashMap<>();
  private final Map<String, SourceMap.Origin> hiddenOrigins = new HashMap<>();
  private final Map<String, List<String>> importChains = new HashMap<>();

  /** By identity: hashing a rule's whole syntax tree on every lookup made large policies slow. */
  private final Map<RuleItem, Optional<List<List<Condition>>>> conditionCache = new IdentityHashMap<>();

  /**
   * A statement, the module it is in and its place in statement order. Its place identifies it:
   * equality by the record's components would hash the whole module on every map lookup, which
   * made compiling a 5,000-tool policy take seconds.
   */
  record Placed(Statement statement, Module module, int order) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Placed p && p.order == order;
    }

    @Override
    public int hashCode() {
      return Integer.hashCode(order);
    }
  }

  /**
   * A conflict, duplicate or rule without effect between two statements, as data: the answers
   * themselves ({@link VisibilityAnswer}, {@link LimitAnswer}, or a word such as "hidden"), so
   * that reporting never reads a description back. The tools it concerns are gathered per key.
   */
  private record PairKey(Code code, Placed first, Placed second, Object firstAnswer, Object secondAnswer) {
    String firstWhat() {
      return describe(firstAnswer);
    }

    String secondWhat() {
      return describe(secondAnswer);
    }

    LimitAnswer firstLimit() {
      return (LimitAnswer) firstAnswer;
    }

    private static String describe(Object answer) {
      if (answer instanceof VisibilityAnswer v) {
        return v.describe();
      }
      if (answer instanceof LimitAnswer l) {
        return l.describe();
      }
      return String.valueOf(answer);
    }
  }

  /** One statement's answer for one tool: a visibility, or a limit. */
  private record Candidate<T>(T answer, int specificity, Placed at, int index, Span span) {}

  /** A statement that selects a tool, and how specifically (the most specific of its selector items that match). */
  private record Selection(Placed by, int specificity) {}

  private enum Visibility { ALLOW, DENY, HIDE }

  private record VisibilityAnswer(Visibility visibility, Optional<String> message) {
    String describe() {
      return "'" + visibility.name().toLowerCase(java.util.Locale.ROOT) + "'"
          + message.map(m -> " with message \"" + m + "\"").orElse("");
    }
  }

  private record LimitAnswer(LimitClause clause) {
    String describe() {
      return "'limit " + clause.count() + "/" + clause.window().word() + "'"
          + clause.counter().map(c -> " as " + c.value()).orElse("");
    }

    boolean sameAs(LimitAnswer other) {
      return clause.count() == other.clause.count() && clause.window() == other.clause.window()
          && clause.counter().map(n -> n.value()).equals(other.clause.counter().map(n -> n.value()));
    }
  }

  Resolver(Program program, ToolCatalog catalog, Diagnostics sink) {
    this.program = program;
    this.catalog = catalog;
    this.sink = sink;
    int order = 0;
    for (Module module : program.modules()) {
      for (Statement s : module.statements()) {
        statements.add(new Placed(s, module, order++));
      }
    }
  }

  /** Resolves the program; the document is meaningful only when the sink has no errors. */
  PolicyDocument resolve(Posture posture) {
    // for each tool, the statements that select it, in statement order, with how specifically
    Map<String, List<Selection>> selections = new HashMap<>();
    TreeSet<String> universe = new TreeSet<>(CodePoints.ORDER);
    universe.addAll(catalog.tools().keySet());
    Placed hideAll = null;
    for (Placed p : statements) {
      Map<String, Integer> tools = new HashMap<>();
      for (SelectorItem item : selectorOf(p.statement())) {
        if (item instanceof SelectorItem.ByGlob g && g.isStar()) {
          if (p.statement() instanceof Statement.Hide) {
            hideAll = hideAll == null ? p : hideAll;
          } else {
            sink.add(Diagnostic.of(Code.E202, "'*' selects every tool and is allowed only in 'hide *'",
                p.module().file(), item.span()).withHelp("use a glob such as 'github__*', or 'default allow'"));
          }
          continue;
        }
        for (String tool : expand(item, p)) {
          tools.merge(tool, item.specificity(), Math::max);
        }
      }
      universe.addAll(tools.keySet());
      tools.forEach((tool, specificity) -> selections.computeIfAbsent(tool, t -> new ArrayList<>())
          .add(new Selection(p, specificity)));
    }
    checkTestCalls();

    Map<String, ToolPolicy> emitted = new TreeMap<>(CodePoints.ORDER);
    List<String> hidden = new ArrayList<>();
    Map<String, Span> counterOwners = new HashMap<>();
    Map<String, String> counterTools = new HashMap<>();
    Map<String, Module> counterModules = new HashMap<>();
    List<Limit> allTools = allToolsLimits(counterOwners, counterTools, counterModules);
    Map<Placed, Integer> selected = new HashMap<>();
    selections.values().forEach(list -> list.forEach(sel -> selected.merge(sel.by(), 1, Integer::sum)));
    if (!DocumentBudget.fits(statements, selected, universe.size(), this::conjunctions, sink)) {
      return new PolicyDocument(posture, List.of(), allTools, Map.of()); // never built: E314 says why
    }

    for (String tool : universe) {
      List<Candidate<VisibilityAnswer>> visibility = new ArrayList<>();
      Map<Window, List<Candidate<LimitAnswer>>> limits = new TreeMap<>();
      List<Candidate<RuleItem>> rules = new ArrayList<>();
      if (hideAll != null) {
        visibility.add(new Candidate<>(new VisibilityAnswer(Visibility.HIDE, Optional.empty()), 0, hideAll, 0,
            hideAll.statement().span()));
      }
      for (Selection selection : selections.getOrDefault(tool, List.of())) {
        int specificity = selection.specificity();
        Placed p = selection.by();
        Statement s = p.statement();
        if (s instanceof Statement.Allow) {
          visibility.add(new Candidate<>(new VisibilityAnswer(Visibility.ALLOW, Optional.empty()), specificity, p, 0, s.span()));
        } else if (s instanceof Statement.Hide) {
          visibility.add(new Candidate<>(new VisibilityAnswer(Visibility.HIDE, Optional.empty()), specificity, p, 0, s.span()));
        } else if (s instanceof Statement.Deny d) {
          visibility.add(new Candidate<>(new VisibilityAnswer(Visibility.DENY, d.message().map(m -> m.value())),
              specificity, p, 0, s.span()));
        } else if (s instanceof Statement.ToolLimit l) {
          limits.computeIfAbsent(l.limit().window(), w -> new ArrayList<>())
              .add(new Candidate<>(new LimitAnswer(l.limit()), specificity, p, 0, l.limit().span()));
        } else if (s instanceof Statement.ToolBlock b) {
          for (int i = 0; i < b.rules().size(); i++) {
            RuleItem r = b.rules().get(i);
            if (r instanceof RuleItem.LimitRule lr) {
              limits.computeIfAbsent(lr.limit().window(), w -> new ArrayList<>())
                  .add(new Candidate<>(new LimitAnswer(lr.limit()), specificity, p, i, lr.span()));
            } else {
              rules.add(new Candidate<>(r, specificity, p, i, r.span()));
            }
          }
        }
      }

      Optional<Candidate<VisibilityAnswer>> shown = decideVisibility(tool, visibility);
      List<Candidate<LimitAnswer>> winningLimits = new ArrayList<>();
      for (List<Candidate<LimitAnswer>> perWindow : limits.values()) {
        winningLimits.addAll(decideLimits(tool, perWindow));
      }
      winningLimits.sort(Comparator.comparingInt((Candidate<LimitAnswer> c) -> c.at().order()).thenComparingInt(Candidate::index));

      Visibility v = shown.map(c -> c.answer().visibility()).orElse(null);
      if (hideAll != null && v != null && v != Visibility.HIDE) {
        pair(Code.E210, shown.get().at(), hideAll, tool, shown.get().answer(), "'hide *'");
      }
      if (v == Visibility.HIDE || v == Visibility.DENY) {
        String why = v == Visibility.HIDE ? "hidden" : "denied";
        Candidate<VisibilityAnswer> by = shown.get();
        for (Candidate<?> c : concat(rules, winningLimits)) {
          if (c.specificity() == 3) {
            pair(Code.E406, c.at(), by.at(), tool, why, "");
          }
        }
        Optional<String> unhidable = v == Visibility.HIDE ? DocumentRules.hideEntry(tool) : Optional.empty();
        if (v == Visibility.HIDE && tool.equals("*")) {
          // a tool named "*" (written as a string) cannot be hidden: in policy.json's hide, "*" is every tool
          sink.add(Diagnostic.of(Code.E212, "a tool named '*' cannot be hidden: policy.json's 'hide' reads \"*\" as every "
              + "tool, so the gateway would hide them all", by.at().module().file(), by.span())
              .withHelp("write 'hide *' (no quotes) to hide every tool"));
        } else if (unhidable.isPresent()) {
          sink.add(Diagnostic.of(Code.E213, "'" + tool + "' cannot be hidden: " + unhidable.get()
              + " (the engine refuses such a policy)",
              by.at().module().file(), by.span()));
        } else if (v == Visibility.HIDE) {
          hidden.add(tool);
          hiddenOrigins.put(tool, origin(by.at(), by.span()));
        } else {
          emitted.put(tool, new ToolPolicy(List.of(), List.of(new Rule(List.of(), by.answer().message())), List.of()));
          toolOrigins.put(tool, origin(by.at(), by.span()));
          ruleOrigins.put(RuleIds.denyIf(tool, 0), origin(by.at(), by.span()));
        }
        continue;
      }
      if (v == null && rules.isEmpty() && winningLimits.isEmpty()) {
        continue;
      }
      rules.sort(Comparator.comparingInt((Candidate<RuleItem> c) -> c.at().order()).thenComparingInt(Candidate::index));
      List<Rule> require = new ArrayList<>();
      List<Rule> denyIf = new ArrayList<>();
      for (Candidate<RuleItem> c : rules) {
        if (c.answer() instanceof RuleItem.Require r) {
          conjunctions(c.answer(), c.at().module()).ifPresent(cs -> cs.forEach(conj -> {
            ruleOrigins.put(RuleIds.require(tool, require.size()), origin(c.at(), c.span()));
            require.add(new Rule(conj, r.message().map(m -> m.value())));
          }));
        } else if (c.answer() instanceof RuleItem.DenyIf d) {
          conjunctions(c.answer(), c.at().module()).ifPresent(cs -> cs.forEach(conj -> {
            ruleOrigins.put(RuleIds.denyIf(tool, denyIf.size()), origin(c.at(), c.span()));
            denyIf.add(new Rule(conj, d.message().map(m -> m.value())));
          }));
        }
      }
      List<Limit> toolLimits = new ArrayList<>();
      for (Candidate<LimitAnswer> c : winningLimits) {
        LimitClause clause = c.answer().clause();
        String counter = clause.counter().map(n -> n.value()).orElse(
            winningLimits.size() == 1 ? tool + "_rate" : tool + "_rate_" + clause.window().word());
        Span at = clause.counter().map(n -> n.span()).orElse(clause.span());
        claimCounter(counter, tool, at, c.at().module(), counterOwners, counterTools, counterModules);
        toolLimits.add(new Limit(counter, clause.window(), clause.count()));
        ruleOrigins.put(RuleIds.toolLimit(tool, counter), origin(c.at(), c.span()));
      }
      emitted.put(tool, new ToolPolicy(require, denyIf, toolLimits));
      Candidate<?> entry = shown.isPresent() ? shown.get() : !rules.isEmpty() ? rules.get(0) : winningLimits.get(0);
      toolOrigins.put(tool, origin(entry.at(), entry.span()));
    }
    reportPairs();
    List<String> hide = hideAll != null ? List.of("*") : hidden;
    if (hideAll != null) {
      hiddenOrigins.put("*", origin(hideAll, hideAll.statement().span()));
    }
    return new PolicyDocument(posture, hide, allTools, emitted);
  }

  /** Where each part of the document {@link #resolve} emitted came from. */
  SourceMap sourceMap() {
    return new SourceMap(ruleOrigins, toolOrigins, hiddenOrigins);
  }

  private SourceMap.Origin origin(Placed p, Span span) {
    List<String> chain = importChains.computeIfAbsent(p.module().key(), k -> program.importChain(p.module()));
    return new SourceMap.Origin(p.module().file().name(), span, chain);
  }

  // ------------------------------------------------------------------ selectors

  private static List<SelectorItem> selectorOf(Statement s) {
    return s.accept(new Statement.StatementVisitor<List<SelectorItem>>() {
      public List<SelectorItem> visitAllow(Statement.Allow a) {
        return a.selector().items();
      }

      public List<SelectorItem> visitHide(Statement.Hide h) {
        return h.selector().items();
      }

      public List<SelectorItem> visitDeny(Statement.Deny d) {
        return d.selector().items();
      }

      public List<SelectorItem> visitToolLimit(Statement.ToolLimit t) {
        return t.selector().items();
      }

      public List<SelectorItem> visitToolBlock(Statement.ToolBlock t) {
        return t.selector().items();
      }

      public List<SelectorItem> visitAllToolsLimit(Statement.AllToolsLimit a) {
        return List.of();
      }
    });
  }

  private List<String> expand(SelectorItem item, Placed p) {
    return item.accept(new SelectorItem.Visitor<List<String>>() {
      public List<String> visitName(SelectorItem.ByName n) {
        String name = n.name().value();
        if (catalog.bound() && catalog.get(name).isEmpty()) {
          unknownTool(name, p.module(), n.span());
        }
        return List.of(name);
      }

      public List<String> visitGlob(SelectorItem.ByGlob g) {
        return matching(item, "the glob '" + g.pattern() + "'", p, name -> Glob.matches(g.pattern(), name));
      }

      public List<String> visitClass(SelectorItem.ByClass c) {
        return matching(item, "'class " + c.toolClass().word() + "'", p,
            name -> catalog.get(name).orElseThrow().entry().toolClass() == c.toolClass());
      }

      public List<String> visitRisk(SelectorItem.ByRisk r) {
        return matching(item, "'risk " + r.op().symbol() + " " + r.level().word() + "'", p,
            name -> r.op().test(catalog.get(name).orElseThrow().entry().effectiveRisk(), r.level()));
      }
    });
  }

  private List<String> matching(SelectorItem item, String what, Placed p, java.util.function.Predicate<String> test) {
    if (!catalog.bound()) {
      sink.add(Diagnostic.of(Code.E201, what + " needs a catalog to expand against, and none is imported",
          p.module().file(), item.span())
          .withHelp("import the server's catalog, as in 'import \"std/servers/github-mcp-server\"'"));
      return List.of();
    }
    List<String> out = catalog.tools().keySet().stream().filter(test).toList();
    if (out.isEmpty() && !p.module().isStdlib()) {
      sink.add(Diagnostic.of(Code.E204, what + " matches no tool in the catalog", p.module().file(), item.span()));
    }
    return out;
  }

  private void unknownTool(String name, Module module, Span span) {
    sink.add(UnknownTool.named(name, catalog.tools().keySet(), module.file(), span));
  }

  private void checkTestCalls() {
    if (!catalog.bound()) {
      return;
    }
    for (Module module : program.modules()) {
      for (Item.Test test : module.tests()) {
        for (Step step : test.steps()) {
          if (step instanceof Step.Call call && catalog.get(call.tool().value()).isEmpty()) {
            sink.add(UnknownTool.called(call.tool().value(), catalog.tools().keySet(), module.file(), call.tool().span()));
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ precedence

  /** The candidates that win: highest specificity, then nearest module. */
  private static <T> List<Candidate<T>> top(List<Candidate<T>> candidates) {
    // plain loops: this runs for every tool, early in a short run, when streams cost the most
    int best = Integer.MIN_VALUE;
    for (Candidate<T> c : candidates) {
      best = Math.max(best, c.specificity());
    }
    int nearest = Integer.MAX_VALUE;
    for (Candidate<T> c : candidates) {
      if (c.specificity() == best) {
        nearest = Math.min(nearest, c.at().module().distance());
      }
    }
    List<Candidate<T>> out = new ArrayList<>();
    for (Candidate<T> c : candidates) {
      if (c.specificity() == best && c.at().module().distance() == nearest) {
        out.add(c);
      }
    }
    out.sort(IN_SOURCE_ORDER);
    return out;
  }

  /** Statements in the order they are read, then items within one statement. */
  private static final Comparator<Candidate<?>> IN_SOURCE_ORDER =
      Comparator.comparingInt((Candidate<?> c) -> c.at().order()).thenComparingInt(Candidate::index);

  private Optional<Candidate<VisibilityAnswer>> decideVisibility(String tool, List<Candidate<VisibilityAnswer>> all) {
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<Candidate<VisibilityAnswer>> top = top(all);
    Candidate<VisibilityAnswer> first = top.get(0);
    for (Candidate<VisibilityAnswer> other : top.subList(1, top.size())) {
      if (other.at() == first.at()) {
        continue; // one statement selecting the tool through two items
      }
      boolean same = other.answer().equals(first.answer());
      Code code = same ? Code.E405 : other.at().module() != first.at().module() ? Code.E403 : Code.E401;
      if (code == Code.E405 && other.at().module() != first.at().module()) {
        continue; // two imports saying the same thing is harmless
      }
      pair(code, other.at(), first.at(), tool, other.answer(), first.answer());
    }
    return Optional.of(first);
  }

  private List<Candidate<LimitAnswer>> decideLimits(String tool, List<Candidate<LimitAnswer>> perWindow) {
    List<Candidate<LimitAnswer>> top = top(perWindow);
    Map<String, Candidate<LimitAnswer>> byName = new LinkedHashMap<>();
    for (Candidate<LimitAnswer> c : top) {
      String name = c.answer().clause().counter().map(n -> "as:" + n.value()).orElse("unnamed");
      Candidate<LimitAnswer> first = byName.putIfAbsent(name, c);
      if (first == null) {
        continue;
      }
      if (first.at() == c.at()) {
        if (first.index() != c.index()) {
          pair(c.answer().clause().counter().isPresent() ? Code.E404 : Code.E407, c.at(), first.at(), tool,
              c.answer(), first.answer(), c.span(), first.span());
        }
        continue;
      }
      boolean same = c.answer().sameAs(first.answer());
      boolean otherModule = c.at().module() != first.at().module();
      if (same && otherModule) {
        continue;
      }
      Code code = same ? Code.E405 : otherModule ? Code.E403 : Code.E402;
      pair(code, c.at(), first.at(), tool, c.answer(), first.answer(), c.span(), first.span());
    }
    return new ArrayList<>(byName.values());
  }

  private List<Limit> allToolsLimits(Map<String, Span> owners, Map<String, String> tools, Map<String, Module> modules) {
    Map<Window, List<Candidate<LimitAnswer>>> perWindow = new TreeMap<>();
    for (Placed p : statements) {
      if (p.statement() instanceof Statement.AllToolsLimit a) {
        perWindow.computeIfAbsent(a.limit().window(), w -> new ArrayList<>())
            .add(new Candidate<>(new LimitAnswer(a.limit()), 0, p, 0, a.limit().span()));
      }
    }
    List<Candidate<LimitAnswer>> winners = new ArrayList<>();
    for (List<Candidate<LimitAnswer>> candidates : perWindow.values()) {
      winners.addAll(decideLimits("all tools", candidates));
    }
    winners.sort(Comparator.comparingInt((Candidate<LimitAnswer> c) -> c.at().order()));
    List<Limit> out = new ArrayList<>();
    for (Candidate<LimitAnswer> c : winners) {
      LimitClause clause = c.answer().clause();
      String counter = clause.counter().map(n -> n.value()).orElse("calls_per_" + clause.window().word());
      claimCounter(counter, "all tools", clause.counter().map(n -> n.span()).orElse(clause.span()),
          c.at().module(), owners, tools, modules);
      out.add(new Limit(counter, clause.window(), clause.count()));
      ruleOrigins.put(RuleIds.allToolsLimit(counter), origin(c.at(), c.span()));
    }
    return out;
  }

  private void claimCounter(String counter, String tool, Span at, Module module,
      Map<String, Span> owners, Map<String, String> tools, Map<String, Module> modules) {
    Span earlier = owners.putIfAbsent(counter, at);
    if (earlier == null) {
      tools.put(counter, tool);
      modules.put(counter, module);
      return;
    }
    Diagnostic d = Diagnostic.of(Code.E404, "counter '" + counter + "' is used by both '" + tools.get(counter)
        + "' and '" + tool + "'; counters must be unique", module.file(), at);
    if (!earlier.equals(at) || modules.get(counter) != module) {
      d = d.withNote("first used here", modules.get(counter).file(), earlier);
    } else {
      d = d.withHelp("'as' names one counter, but the selector picks several tools: "
          + "leave 'as' out to get a counter per tool, or write one statement per tool");
    }
    sink.add(d);
  }

  private Optional<List<List<Condition>>> conjunctions(RuleItem rule, Module module) {
    return conditionCache.computeIfAbsent(rule, r -> {
      Expr condition = r instanceof RuleItem.Require q ? q.condition() : ((RuleItem.DenyIf) r).condition();
      List<List<Condition>> dnf = dnf(condition);
      if (dnf == null) {
        sink.add(Diagnostic.of(Code.E313, "this condition expands to more than " + MAX_DISJUNCTS
            + " 'deny if' entries", module.file(), condition.span())
            .withHelp("split it into several rules"));
        return Optional.empty();
      }
      if (r instanceof RuleItem.Require && dnf.size() > 1) {
        sink.add(Diagnostic.of(Code.E304, "'or' is not allowed in 'require': a require entry holds when all "
            + "its conditions hold", module.file(), condition.span())
            .withHelp("split it into several 'require' rules, or write what to refuse as 'deny if'"));
        return Optional.empty();
      }
      return Optional.of(dnf);
    });
  }

  /** Disjunctive normal form; null when it would have more than MAX_DISJUNCTS terms. */
  private static List<List<Condition>> dnf(Expr e) {
    return e.accept(new Expr.Visitor<List<List<Condition>>>() {
      public List<List<Condition>> visitOr(Expr.Or or) {
        List<List<Condition>> out = new ArrayList<>();
        for (Expr t : or.terms()) {
          List<List<Condition>> part = t.accept(this);
          if (part == null || out.size() + part.size() > MAX_DISJUNCTS) {
            return null;
          }
          out.addAll(part);
        }
        return out;
      }

      public List<List<Condition>> visitAnd(Expr.And and) {
        List<List<Condition>> out = List.of(List.of());
        for (Expr f : and.factors()) {
          List<List<Condition>> part = f.accept(this);
          if (part == null || (long) out.size() * part.size() > MAX_DISJUNCTS) {
            return null;
          }
          List<List<Condition>> next = new ArrayList<>();
          for (List<Condition> left : out) {
            for (List<Condition> right : part) {
              List<Condition> both = new ArrayList<>(left);
              both.addAll(right);
              next.add(both);
            }
          }
          out = next;
        }
        return out;
      }

      public List<List<Condition>> visitGroup(Expr.Group g) {
        return g.inner().accept(this);
      }

      public List<List<Condition>> visitCompare(Expr.Compare c) {
        return List.of(List.of(new Condition(c.path().dotted(), c.op(), c.value().value())));
      }
    });
  }

  // ------------------------------------------------------------------ reporting pairs

  private void pair(Code code, Placed later, Placed earlier, String tool, Object laterAnswer, Object earlierAnswer) {
    pair(code, later, earlier, tool, laterAnswer, earlierAnswer, later.statement().span(), earlier.statement().span());
  }

  private final Map<PairKey, Span[]> pairSpans = new HashMap<>();

  private void pair(Code code, Placed later, Placed earlier, String tool, Object laterAnswer, Object earlierAnswer,
      Span laterSpan, Span earlierSpan) {
    PairKey key = new PairKey(code, later, earlier, laterAnswer, earlierAnswer);
    pairs.computeIfAbsent(key, k -> new TreeSet<>(CodePoints.ORDER)).add(tool);
    pairSpans.putIfAbsent(key, new Span[] {laterSpan, earlierSpan});
  }

  private void reportPairs() {
    for (Map.Entry<PairKey, TreeSet<String>> e : pairs.entrySet()) {
      PairKey k = e.getKey();
      Span[] spans = pairSpans.get(k);
      String tools = describeTools(e.getValue());
      String other = TextRenderer.position(new Diagnostic.Location(k.first() == k.second()
          ? k.first().module().file() : k.second().module().file(), spans[1]));
      Diagnostic d = switch (k.code()) {
        case E401 -> Diagnostic.of(k.code(), "conflicting statements for " + tools + ": " + k.firstWhat()
            + " here and " + k.secondWhat() + " at " + other + " have the same specificity",
            k.first().module().file(), spans[0])
            .withHelp("remove one, or select the tool more specifically (a name beats a glob, a glob beats a class or risk)");
        case E402 -> Diagnostic.of(k.code(), "conflicting limits for " + tools + ": " + k.firstWhat()
            + " here and " + k.secondWhat() + " at " + other + " have the same window and specificity",
            k.first().module().file(), spans[0])
            .withHelp("keep one, or give each its own counter with 'as NAME' to apply both");
        case E403 -> Diagnostic.of(k.code(), "imported modules disagree about " + tools + ": " + k.firstWhat()
            + " here and " + k.secondWhat() + " at " + other, k.first().module().file(), spans[0])
            .withHelp("say what you want in the importing file: its own statements beat imported ones");
        case E404 -> Diagnostic.of(k.code(), "counter name '" + k.firstLimit().clause().counter().orElseThrow().value()
            + "' is used twice in one block for " + tools, k.first().module().file(), spans[0]);
        case E405 -> Diagnostic.of(k.code(), "duplicate statement: " + k.firstWhat() + " for " + tools
            + " is already stated at " + other, k.first().module().file(), spans[0]);
        case E406 -> Diagnostic.of(k.code(), "this has no effect on " + tools + ": it is " + k.firstWhat()
            + " (at " + other + ")", k.first().module().file(), spans[0])
            .withHelp("remove these rules, or allow the tool");
        case E407 -> Diagnostic.of(k.code(), "two limits per " + k.firstLimit().clause().window().word() + " for " + tools
            + " need 'as' names to tell their counters apart", k.first().module().file(), spans[0])
            .withHelp("add 'as NAME' to each, as in 'limit 100/minute as burst'");
        case E210 -> Diagnostic.of(k.code(), k.firstWhat() + " cannot override 'hide *' for " + tools
            + ": 'hide *' hides every tool (at " + other + ")", k.first().module().file(), spans[0])
            .withHelp("hide tools by class, risk or glob instead of '*'");
        default -> throw new IllegalStateException("not a pair code: " + k.code());
      };
      if (!Objects.equals(k.first(), k.second()) || k.code() == Code.E404 || k.code() == Code.E407) {
        d = d.withNote(k.code() == Code.E406 ? "decided here" : "the other one", k.second().module().file(), spans[1]);
      }
      sink.add(d);
    }
  }

  private static String describeTools(TreeSet<String> tools) {
    if (tools.size() == 1) {
      return "'" + tools.first() + "'";
    }
    List<String> shown = tools.stream().limit(5).map(t -> "'" + t + "'").toList();
    return tools.size() + " tools (" + String.join(", ", shown) + (tools.size() > 5 ? ", ..." : "") + ")";
  }

  private static List<Candidate<?>> concat(List<? extends Candidate<?>> a, List<? extends Candidate<?>> b) {
    List<Candidate<?>> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
