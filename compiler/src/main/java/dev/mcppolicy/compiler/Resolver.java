package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.DocumentRules;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.syntax.LimitClause;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a checked program into the output model, in the steps language.md describes:
 * {@link Selection} (which tools each statement selects), {@link Precedence} (which answer wins
 * for each tool's visibility and each limit window, recording {@link Conflicts}), {@link NormalForm}
 * (each rule's condition as policy.json's conjunctions), then emission, here: counters named
 * (section 8), entries built, and the {@link SourceMap} of where each came from.
 */
final class Resolver {
  private final Program program;
  private final ToolCatalog catalog;
  private final Diagnostics sink;
  private final List<Placed> statements = new ArrayList<>();
  private final Conflicts conflicts = new Conflicts();
  private final Precedence precedence = new Precedence(conflicts);
  private final NormalForm normalForm;
  private final Counters counters = new Counters();
  /** Where each emitted part came from (the source map); see {@link #sourceMap()}. */
  private final Map<String, SourceMap.Origin> ruleOrigins = new HashMap<>();
  private final Map<String, SourceMap.Origin> toolOrigins = new HashMap<>();
  private final Map<String, SourceMap.Origin> hiddenOrigins = new HashMap<>();
  private final Map<String, List<String>> importChains = new HashMap<>();
  /** Each origin's module and span, for diagnostics about emitted parts (the lints). */
  private final Map<SourceMap.Origin, Linter.Site> sites = new java.util.IdentityHashMap<>();
  private Selection selection;

  Resolver(Program program, ToolCatalog catalog, Diagnostics sink) {
    this.program = program;
    this.catalog = catalog;
    this.sink = sink;
    this.normalForm = new NormalForm(sink);
    int order = 0;
    for (Module module : program.modules()) {
      for (Statement s : module.statements()) {
        statements.add(new Placed(s, module, order++));
      }
    }
  }

  /** Resolves the program; the document is meaningful only when the sink has no errors. */
  PolicyDocument resolve(Posture posture) {
    Selection selection = Selection.of(statements, program, catalog, sink);
    this.selection = selection;
    ArgumentCheck.run(statements, selection, catalog, sink);
    List<Limit> allTools = allToolsLimits();
    if (!DocumentBudget.fits(statements, selection.counts(), selection.universe().size(), normalForm::conjunctions, sink)) {
      return new PolicyDocument(posture, List.of(), allTools, Map.of()); // never built: E314 says why
    }
    Map<String, ToolPolicy> emitted = new TreeMap<>(CodePoints.ORDER);
    List<String> hidden = new ArrayList<>();
    Placed hideAll = selection.hideAll();
    for (String tool : selection.universe()) {
      emit(tool, selection, hideAll, emitted, hidden);
    }
    conflicts.report(sink);
    if (hideAll != null) {
      hiddenOrigins.put("*", origin(hideAll, hideAll.statement().span()));
    }
    return new PolicyDocument(posture, hideAll != null ? List.of("*") : hidden, allTools, emitted);
  }

  /** Where each part of the document {@link #resolve} emitted came from. */
  SourceMap sourceMap() {
    Optional<SourceMap.Origin> posture = program.root().defaultDecl()
        .map(d -> origin(program.root(), d.span()));
    return new SourceMap(ruleOrigins, toolOrigins, hiddenOrigins, posture);
  }

  /** One tool's answers: each selecting statement's visibility, limits per window, and rules. */
  private record Answers(List<Candidate<Answer.Shown>> visibility, Map<Window, List<Candidate<Answer.Limited>>> limits,
      List<Candidate<Answer.Ruled>> rules) {}

  private static Answers answers(List<Selection.Selected> selected, Placed hideAll) {
    Answers a = new Answers(new ArrayList<>(), new TreeMap<>(), new ArrayList<>());
    if (hideAll != null) {
      a.visibility().add(new Candidate<>(new Answer.Shown(Answer.Visibility.HIDE, Optional.empty()), 0, hideAll, 0,
          hideAll.statement().span()));
    }
    for (Selection.Selected selection : selected) {
      int specificity = selection.specificity();
      Placed p = selection.by();
      Statement s = p.statement();
      if (s instanceof Statement.Allow) {
        a.visibility().add(new Candidate<>(new Answer.Shown(Answer.Visibility.ALLOW, Optional.empty()), specificity, p, 0, s.span()));
      } else if (s instanceof Statement.Hide) {
        a.visibility().add(new Candidate<>(new Answer.Shown(Answer.Visibility.HIDE, Optional.empty()), specificity, p, 0, s.span()));
      } else if (s instanceof Statement.Deny d) {
        a.visibility().add(new Candidate<>(new Answer.Shown(Answer.Visibility.DENY, d.message().map(m -> m.value())),
            specificity, p, 0, s.span()));
      } else if (s instanceof Statement.ToolLimit l) {
        a.limits().computeIfAbsent(l.limit().window(), w -> new ArrayList<>())
            .add(new Candidate<>(new Answer.Limited(l.limit()), specificity, p, 0, l.limit().span()));
      } else if (s instanceof Statement.ToolBlock b) {
        for (int i = 0; i < b.rules().size(); i++) {
          RuleItem r = b.rules().get(i);
          if (r instanceof RuleItem.LimitRule lr) {
            a.limits().computeIfAbsent(lr.limit().window(), w -> new ArrayList<>())
                .add(new Candidate<>(new Answer.Limited(lr.limit()), specificity, p, i, lr.span()));
          } else {
            a.rules().add(new Candidate<>(new Answer.Ruled(r), specificity, p, i, r.span()));
          }
        }
      }
    }
    return a;
  }

  /** Decides one tool and emits its entry (or its hide entry), with their origins. */
  private void emit(String tool, Selection selection, Placed hideAll, Map<String, ToolPolicy> emitted, List<String> hidden) {
    Answers answers = answers(selection.of(tool), hideAll);
    Optional<Candidate<Answer.Shown>> shown = precedence.visibility(tool, answers.visibility());
    List<Candidate<Answer.Limited>> limits = new ArrayList<>();
    for (List<Candidate<Answer.Limited>> perWindow : answers.limits().values()) {
      limits.addAll(precedence.limits(tool, perWindow));
    }
    limits.sort(Candidate.IN_SOURCE_ORDER);
    List<Candidate<Answer.Ruled>> rules = answers.rules();

    Answer.Visibility v = shown.map(c -> c.answer().visibility()).orElse(null);
    if (hideAll != null && v != null && v != Answer.Visibility.HIDE) {
      conflicts.add(Code.E210, shown.get().at(), hideAll, tool, shown.get().answer(), new Answer.Word("'hide *'"));
    }
    if (v == Answer.Visibility.HIDE || v == Answer.Visibility.DENY) {
      emitClosed(tool, shown.get(), rules, limits, emitted, hidden);
      return;
    }
    if (v == null && rules.isEmpty() && limits.isEmpty()) {
      return;
    }
    rules.sort(Candidate.IN_SOURCE_ORDER);
    List<Rule> require = new ArrayList<>();
    List<Rule> denyIf = new ArrayList<>();
    for (Candidate<Answer.Ruled> c : rules) {
      RuleItem rule = c.answer().rule();
      boolean isRequire = rule instanceof RuleItem.Require;
      Optional<String> message = isRequire ? ((RuleItem.Require) rule).message().map(m -> m.value())
          : ((RuleItem.DenyIf) rule).message().map(m -> m.value());
      List<Rule> into = isRequire ? require : denyIf;
      normalForm.conjunctions(rule, c.at().module()).ifPresent(cs -> cs.forEach(conjunction -> {
        String id = isRequire ? RuleIds.require(tool, into.size()) : RuleIds.denyIf(tool, into.size());
        ruleOrigins.put(id, origin(c.at(), c.span()));
        into.add(new Rule(conjunction, message));
      }));
    }
    List<Limit> toolLimits = new ArrayList<>();
    for (Candidate<Answer.Limited> c : limits) {
      LimitClause clause = c.answer().clause();
      String counter = clause.counter().map(n -> n.value()).orElse(
          limits.size() == 1 ? tool + "_rate" : tool + "_rate_" + clause.window().word());
      counters.claim(counter, tool, clause.counter().map(n -> n.span()).orElse(clause.span()), c.at().module(), sink);
      toolLimits.add(new Limit(counter, clause.window(), clause.count()));
      ruleOrigins.put(RuleIds.toolLimit(tool, counter), origin(c.at(), c.span()));
    }
    emitted.put(tool, new ToolPolicy(require, denyIf, toolLimits));
    Candidate<?> entry = shown.isPresent() ? shown.get() : !rules.isEmpty() ? rules.get(0) : limits.get(0);
    toolOrigins.put(tool, origin(entry.at(), entry.span()));
  }

  /** A hidden or denied tool: its hide entry or its one deny entry; rules and limits beside it have no effect. */
  private void emitClosed(String tool, Candidate<Answer.Shown> by, List<Candidate<Answer.Ruled>> rules,
      List<Candidate<Answer.Limited>> limits, Map<String, ToolPolicy> emitted, List<String> hidden) {
    boolean hide = by.answer().visibility() == Answer.Visibility.HIDE;
    Answer why = new Answer.Word(hide ? "hidden" : "denied");
    List<Candidate<?>> withoutEffect = new ArrayList<>(rules);
    withoutEffect.addAll(limits);
    for (Candidate<?> c : withoutEffect) {
      if (c.specificity() == 3) {
        conflicts.add(Code.E406, c.at(), by.at(), tool, why, new Answer.Word(""));
      }
    }
    Optional<String> unhidable = hide ? DocumentRules.hideEntry(tool) : Optional.empty();
    if (hide && tool.equals("*")) {
      // a tool named "*" (written as a string) cannot be hidden: in policy.json's hide, "*" is every tool
      sink.add(Diagnostic.of(Code.E212, "a tool named '*' cannot be hidden: policy.json's 'hide' reads \"*\" as every "
          + "tool, so the gateway would hide them all", by.at().module().file(), by.span())
          .withHelp("write 'hide *' (no quotes) to hide every tool"));
    } else if (unhidable.isPresent()) {
      sink.add(Diagnostic.of(Code.E213, "'" + tool + "' cannot be hidden: " + unhidable.get()
          + " (the engine refuses such a policy)", by.at().module().file(), by.span()));
    } else if (hide) {
      hidden.add(tool);
      hiddenOrigins.put(tool, origin(by.at(), by.span()));
    } else {
      emitted.put(tool, new ToolPolicy(List.of(), List.of(new Rule(List.of(), by.answer().message())), List.of()));
      toolOrigins.put(tool, origin(by.at(), by.span()));
      ruleOrigins.put(RuleIds.denyIf(tool, 0), origin(by.at(), by.span()));
    }
  }

  /** The limits on all tools together: one per window and counter name, named {@code calls_per_WINDOW} unless 'as' says. */
  private List<Limit> allToolsLimits() {
    Map<Window, List<Candidate<Answer.Limited>>> perWindow = new TreeMap<>();
    for (Placed p : statements) {
      if (p.statement() instanceof Statement.AllToolsLimit a) {
        perWindow.computeIfAbsent(a.limit().window(), w -> new ArrayList<>())
            .add(new Candidate<>(new Answer.Limited(a.limit()), 0, p, 0, a.limit().span()));
      }
    }
    List<Candidate<Answer.Limited>> winners = new ArrayList<>();
    for (List<Candidate<Answer.Limited>> candidates : perWindow.values()) {
      winners.addAll(precedence.limits("all tools", candidates));
    }
    winners.sort(Comparator.comparingInt((Candidate<Answer.Limited> c) -> c.at().order()));
    List<Limit> out = new ArrayList<>();
    for (Candidate<Answer.Limited> c : winners) {
      LimitClause clause = c.answer().clause();
      String counter = clause.counter().map(n -> n.value()).orElse("calls_per_" + clause.window().word());
      counters.claim(counter, "all tools", clause.counter().map(n -> n.span()).orElse(clause.span()), c.at().module(), sink);
      out.add(new Limit(counter, clause.window(), clause.count()));
      ruleOrigins.put(RuleIds.allToolsLimit(counter), origin(c.at(), c.span()));
    }
    return out;
  }

  private SourceMap.Origin origin(Placed p, Span span) {
    return origin(p.module(), span);
  }

  private SourceMap.Origin origin(Module module, Span span) {
    List<String> chain = importChains.computeIfAbsent(module.key(), k -> program.importChain(module));
    SourceMap.Origin o = new SourceMap.Origin(module.file().name(), span, chain, module.isStdlib());
    sites.put(o, new Linter.Site(module, span));
    return o;
  }

  /** What the lints read besides the document: the statements, what each selects, and where each emitted part came from. */
  Linter.Input lintInput() {
    return new Linter.Input(statements, selection, sites);
  }

  /** Counter names, each claimed by one tool (or all tools): a second claim is E404. */
  private static final class Counters {
    private record Claim(String tool, Span at, Module module) {}

    private final Map<String, Claim> claims = new HashMap<>();

    void claim(String counter, String tool, Span at, Module module, Diagnostics sink) {
      Claim earlier = claims.putIfAbsent(counter, new Claim(tool, at, module));
      if (earlier == null) {
        return;
      }
      Diagnostic d = Diagnostic.of(Code.E404, "counter '" + counter + "' is used by both '" + earlier.tool()
          + "' and '" + tool + "'; counters must be unique", module.file(), at);
      if (!earlier.at().equals(at) || earlier.module() != module) {
        d = d.withNote("first used here", earlier.module().file(), earlier.at());
      } else {
        d = d.withHelp("'as' names one counter, but the selector picks several tools: "
            + "leave 'as' out to get a counter per tool, or write one statement per tool");
      }
      sink.add(d);
    }
  }
}
