package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.syntax.ArgType;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks each condition against the arguments the catalog lists for the tools its block selects
 * (language.md section 6): a condition on an argument a tool does not take (E216), and an operator
 * that cannot hold for the argument's type (E217). A tool whose entry has no {@code args} block
 * has unknown arguments and is never reported; neither is an argument of type {@code any}.
 * Both are warnings: the policy compiles and decides as written, but a {@code require} on an
 * argument the tool never receives denies every call, and a {@code deny if} on it never fires.
 */
final class ArgumentCheck {
  private static final int NAMED = 5;

  private ArgumentCheck() {}

  static void run(List<Placed> statements, Selection selection, ToolCatalog catalog, Diagnostics sink) {
    Map<Placed, List<Item.CatalogEntry>> selected = new HashMap<>();
    for (String tool : selection.universe()) {
      Optional<ToolCatalog.Entry> entry = catalog.get(tool);
      if (entry.isEmpty() || entry.get().entry().args().isEmpty()) {
        continue;
      }
      for (Selection.Selected s : selection.of(tool)) {
        if (s.by().statement() instanceof Statement.ToolBlock) {
          selected.computeIfAbsent(s.by(), p -> new ArrayList<>()).add(entry.get().entry());
        }
      }
    }
    for (Placed p : statements) {
      List<Item.CatalogEntry> tools = selected.get(p);
      if (tools == null) {
        continue;
      }
      for (RuleItem rule : ((Statement.ToolBlock) p.statement()).rules()) {
        Expr condition = rule instanceof RuleItem.Require r ? r.condition()
            : rule instanceof RuleItem.DenyIf d ? d.condition() : null;
        if (condition != null) {
          condition.comparisons().forEach(c -> check(p, c, tools, sink));
        }
      }
    }
  }

  private static void check(Placed p, Expr.Compare c, List<Item.CatalogEntry> tools, Diagnostics sink) {
    String arg = c.path().segments().get(0);
    List<String> without = new ArrayList<>();
    TreeSet<String> theirs = new TreeSet<>();
    List<String> mismatched = new ArrayList<>();
    ArgType mismatch = null;
    for (Item.CatalogEntry tool : tools) {
      Optional<Item.ArgDecl> decl = tool.arg(arg);
      if (decl.isEmpty()) {
        without.add(tool.name().value());
        tool.args().orElseThrow().forEach(a -> theirs.add(a.name().value()));
      } else if (!applies(c, decl.get().type())) {
        mismatch = mismatch == null ? decl.get().type() : mismatch;
        if (decl.get().type() == mismatch) {
          mismatched.add(tool.name().value());
        }
      }
    }
    if (!without.isEmpty()) {
      Diagnostic d = Diagnostic.of(Code.E216, (without.size() == 1
          ? "tool '" + without.get(0) + "' takes no argument '" + arg + "'"
          : "tools " + names(without) + " take no argument '" + arg + "'"), p.module().file(), c.path().span());
      Optional<String> near = Suggestions.closest(arg, theirs);
      sink.add(near.isPresent() ? d.withHelp("did you mean 'args." + near.get() + "'?")
          : d.withHelp(theirs.isEmpty() ? "the catalog lists no arguments for " + (without.size() == 1 ? "it" : "them")
              : (without.size() == 1 ? "its" : "their") + " arguments in the catalog: " + String.join(", ", theirs)));
    }
    if (mismatch != null) {
      String whose = mismatched.size() == 1 ? "tool '" + mismatched.get(0) + "'" : "tools " + names(mismatched);
      sink.add(Diagnostic.of(Code.E217, problem(c) + ", but argument '" + arg + "' of " + whose + " is "
          + article(mismatch), p.module().file(), c.span()));
    }
  }

  /** Whether the comparison can hold for some value of an argument of this type. */
  private static boolean applies(Expr.Compare c, ArgType type) {
    if (c.path().segments().size() > 1) {
      return type.hasMembers();
    }
    if (c.op().isOrdering()) {
      return type.isOrdered();
    }
    return switch (c.op()) {
      case REGEX -> type.isMatchable();
      case CONTAINS -> type.isContainer();
      default -> true;
    };
  }

  private static String problem(Expr.Compare c) {
    if (c.path().segments().size() > 1) {
      return "'" + c.path().dotted() + "' steps inside '" + c.path().segments().get(0) + "'";
    }
    if (c.op().isOrdering()) {
      return "'" + Symbols.of(c.op()) + "' compares numbers";
    }
    return c.op() == Op.REGEX ? "'matches' applies to strings" : "'contains' applies to strings and lists";
  }

  private static String article(ArgType type) {
    return switch (type) {
      case INTEGER, OBJECT, ARRAY -> "an " + type.word();
      case NULL -> "always null";
      default -> "a " + type.word();
    };
  }

  private static String names(List<String> tools) {
    List<String> shown = tools.subList(0, Math.min(NAMED, tools.size()));
    String list = String.join(", ", shown);
    return tools.size() > NAMED ? list + " and " + (tools.size() - NAMED) + " more" : list;
  }
}
