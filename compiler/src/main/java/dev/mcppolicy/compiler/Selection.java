package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.SelectorItem;
import dev.mcppolicy.syntax.Statement;
import dev.mcppolicy.syntax.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The first step of resolving: which tools each statement selects, and how specifically (the
 * most specific of its selector items that match), its selectors expanded against the catalog
 * (language.md section 6). Also checks the tools named by test calls against a bound catalog.
 */
final class Selection {
  /** A statement that selects a tool, and how specifically. */
  record Selected(Placed by, int specificity) {}

  private final ToolCatalog catalog;
  private final Diagnostics sink;
  private final Map<String, List<Selected>> byTool = new HashMap<>();
  private final TreeSet<String> universe = new TreeSet<>(CodePoints.ORDER);
  private Placed hideAll;

  private Selection(ToolCatalog catalog, Diagnostics sink) {
    this.catalog = catalog;
    this.sink = sink;
  }

  /** Selects for every statement, in order, reporting selectors that select wrongly or nothing. */
  static Selection of(List<Placed> statements, Program program, ToolCatalog catalog, Diagnostics sink) {
    Selection s = new Selection(catalog, sink);
    s.universe.addAll(catalog.tools().keySet());
    for (Placed p : statements) {
      s.select(p);
    }
    s.checkTestCalls(program);
    return s;
  }

  /** For each tool, the statements that select it, in statement order. */
  List<Selected> of(String tool) {
    return byTool.getOrDefault(tool, List.of());
  }

  /** Every tool the catalog lists or a statement names, in code-point order. */
  TreeSet<String> universe() {
    return universe;
  }

  /** The first {@code hide *}; null when there is none. */
  Placed hideAll() {
    return hideAll;
  }

  /** How many tools each statement selects. */
  Map<Placed, Integer> counts() {
    Map<Placed, Integer> selected = new HashMap<>();
    byTool.values().forEach(list -> list.forEach(sel -> selected.merge(sel.by(), 1, Integer::sum)));
    return selected;
  }

  private void select(Placed p) {
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
    tools.forEach((tool, specificity) -> byTool.computeIfAbsent(tool, t -> new ArrayList<>())
        .add(new Selected(p, specificity)));
  }

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
          sink.add(UnknownTool.named(name, catalog.tools().keySet(), p.module().file(), n.span()));
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

  private List<String> matching(SelectorItem item, String what, Placed p, Predicate<String> test) {
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

  private void checkTestCalls(Program program) {
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
}
