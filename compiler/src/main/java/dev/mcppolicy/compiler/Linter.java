package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.syntax.Conditions;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolClass;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.syntax.ArgType;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.SelectorItem;
import dev.mcppolicy.syntax.Statement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lints (docs/diagnostics.md, E7xx): what is wrong with a policy's meaning rather than its
 * text, each a warning with a witness (the conditions, the limit or the statement that shows it),
 * read off the compiled document so that it speaks of what the gateway will do. Where it cannot
 * decide, it says nothing: {@link ConditionLogic} claims only what it can prove. Findings in the
 * standard library's modules are left out (nobody can change them there), and a comment
 * {@code # mcppolicy: allow CODE} on the line before a finding's line silences it.
 */
final class Linter {
  /** Where an emitted part came from: its module and span. */
  record Site(Module module, Span span) {}

  /** What the lints read besides the document. */
  record Input(List<Placed> statements, Selection selection, Map<SourceMap.Origin, Site> sites) {}

  private static final Pattern ALLOW = Pattern.compile("^\\s*(?:#|//)\\s*mcppolicy:\\s*allow\\s+([A-Z0-9, ]+?)\\s*$");

  private final PolicyDocument document;
  private final SourceMap sources;
  private final Input input;
  private final ToolCatalog catalog;
  private final List<Diagnostic> found = new ArrayList<>();
  private final java.util.Set<String> hidden;

  private Linter(PolicyDocument document, SourceMap sources, Input input, ToolCatalog catalog) {
    this.document = document;
    this.sources = sources;
    this.input = input;
    this.catalog = catalog;
    this.hidden = new java.util.HashSet<>(document.hide());
  }

  static void run(PolicyDocument document, SourceMap sources, Input input, ToolCatalog catalog, Diagnostics sink) {
    Linter l = new Linter(document, sources, input, catalog);
    l.entries();
    l.limits();
    l.unprotected();
    l.statements();
    for (Diagnostic d : l.found) {
      if (!silenced(d)) {
        sink.add(d);
      }
    }
  }

  // ------------------------------------------------------------------ rules and conditions

  private void entries() {
    document.tools().forEach((tool, entry) -> {
      for (int i = 0; i < entry.require().size(); i++) {
        conditions(tool, entry.require().get(i), RuleIds.require(tool, i), true);
      }
      for (int i = 0; i < entry.denyIf().size(); i++) {
        Rule r = entry.denyIf().get(i);
        String rule = RuleIds.denyIf(tool, i);
        conditions(tool, r, rule, false);
        for (int j = 0; j < i; j++) {
          Rule earlier = entry.denyIf().get(j);
          if (!r.conditions().isEmpty() && ConditionLogic.impliesAll(r.conditions(), earlier.conditions())
              && ConditionLogic.contradiction(r.conditions()).isEmpty()) {
            at(rule, d -> Diagnostic.of(Code.E702, "this 'deny if " + Conditions.source(r.conditions()) + "' of tool '" + tool
                + "' never decides: every call it would deny, the earlier 'deny if " + Conditions.source(earlier.conditions())
                + "' denies first", d.module().file(), d.span()), RuleIds.denyIf(tool, j), "the earlier deny if");
            break;
          }
        }
      }
    });
  }

  private void conditions(String tool, Rule r, String rule, boolean require) {
    String what = require ? "require" : "deny if";
    Optional<String> contradiction = ConditionLogic.contradiction(r.conditions());
    if (contradiction.isPresent()) {
      String which = contradiction.get().startsWith("range:")
          ? "the conditions on " + contradiction.get().substring("range:".length()) + " admit no number"
          : "'" + Conditions.source(r.conditions().get(Integer.parseInt(contradiction.get().split(":")[0]))) + "' and '"
              + Conditions.source(r.conditions().get(Integer.parseInt(contradiction.get().split(":")[1]))) + "' cannot both hold";
      at(rule, d -> Diagnostic.of(Code.E701, which + ": this '" + what + "' of tool '" + tool + "' "
          + (require ? "denies every call" : "never fires"), d.module().file(), d.span()), null, null);
    }
    for (Condition c : r.conditions()) {
      if ((c.op() == Op.IN || c.op() == Op.NOT_IN) && c.value() instanceof JsonArray list && list.elements().isEmpty()) {
        at(rule, d -> Diagnostic.of(Code.E706, "'" + Conditions.source(c) + "' " + (c.op() == Op.IN
            ? "never holds: no value is in an empty list" : "holds for every value that is there: none is in an empty list"),
            d.module().file(), d.span()), null, null);
      } else if (c.op() == Op.REGEX && c.value() instanceof JsonString p && matchesEverything(p.value())) {
        at(rule, d -> Diagnostic.of(Code.E706, "'" + Conditions.source(c) + "' holds for every string: the pattern "
            + "matches the empty string at the start of any text", d.module().file(), d.span()), null, null);
      }
      loose(tool, c, rule);
    }
  }

  /** A pattern that finds a match in every string: empty, or one element repeated zero or more times. */
  static boolean matchesEverything(String pattern) {
    String p = pattern.replaceFirst("^\\(\\?[a-zA-Z]+\\)", "");
    return p.isEmpty() || p.matches("(\\.|\\\\[dDwWsS]|\\[[^\\]]*\\]|[A-Za-z0-9 ]|\\([^()]*\\))[*?]");
  }

  /** A comparison the gateway makes loosely: a string literal against a number argument, a number a double cannot hold. */
  private void loose(String tool, Condition c, String rule) {
    if (c.value() instanceof JsonNumber n && !exact(n)) {
      at(rule, d -> Diagnostic.of(Code.E708, "'" + Conditions.source(c) + "': the gateway compares numbers as doubles, "
          + "and " + n.text() + " is " + new BigDecimal(Double.toString(Double.parseDouble(n.text()))).toPlainString()
          + " as a double",
          d.module().file(), d.span()), null, null);
    }
    boolean equality = c.op() == Op.EQ || c.op() == Op.NEQ || c.op() == Op.IN || c.op() == Op.NOT_IN || c.op() == Op.CONTAINS;
    boolean stringLiteral = c.value() instanceof JsonString || c.value() instanceof JsonArray a
        && a.elements().stream().anyMatch(e -> e instanceof JsonString);
    if (!equality || !stringLiteral || !c.path().startsWith("args.") || c.path().indexOf('.', 5) >= 0) {
      return;
    }
    Optional<Item.ArgDecl> arg = catalog.get(tool).flatMap(e -> e.entry().arg(c.path().substring(5)));
    if (arg.isPresent() && (arg.get().type() == ArgType.NUMBER || arg.get().type() == ArgType.INTEGER)) {
      at(rule, d -> Diagnostic.of(Code.E708, "'" + Conditions.source(c) + "' compares a string with '" + c.path().substring(5)
          + "', " + (arg.get().type() == ArgType.INTEGER ? "an integer" : "a number") + ": the gateway compares them by their "
          + "text, so \"5\" equals 5 but \"5.0\" does not", d.module().file(), d.span()), null, null);
    }
  }

  private static boolean exact(JsonNumber n) {
    long plain = n.plainValue();
    if (plain != JsonNumber.NOT_PLAIN && Math.abs(plain) <= 1L << 53) {
      return true; // an integer a double holds
    }
    if (n.text().indexOf('e') < 0 && n.text().indexOf('E') < 0 && significantDigits(n.text()) <= 15) {
      return true; // a double holds 15 significant decimal digits and gives them back
    }
    double d = Double.parseDouble(n.text());
    return Double.isFinite(d) && new BigDecimal(n.text()).compareTo(new BigDecimal(Double.toString(d))) == 0;
  }

  /** The digits of a number written without an exponent, leading and trailing zeros aside. */
  private static int significantDigits(String text) {
    String digits = text.replace("-", "").replace(".", "");
    int from = 0;
    int to = digits.length();
    while (from < to && digits.charAt(from) == '0') {
      from++;
    }
    while (to > from && digits.charAt(to - 1) == '0') {
      to--;
    }
    return to - from;
  }

  // ------------------------------------------------------------------ limits

  /**
   * A limit that another limit of the same calls makes unreachable: it allows no more calls over a
   * window at least as long (calendar windows nest, a minute inside its hour inside its day), so
   * whenever it would refuse a call, the other refuses it too. Of two equal limits, the later.
   */
  private void limits() {
    List<Limit> all = document.allToolsLimits();
    for (int i = 0; i < all.size(); i++) {
      Optional<Limit> by = dominating(all.get(i), all, i, List.of());
      Limit l = all.get(i);
      by.ifPresent(o -> at(RuleIds.allToolsLimit(l.counter()), d -> neverBinds("all tools", l, o, d),
          RuleIds.allToolsLimit(o.counter()), "the limit that binds first"));
    }
    document.tools().forEach((tool, entry) -> {
      for (int i = 0; i < entry.limits().size(); i++) {
        Limit l = entry.limits().get(i);
        Optional<Limit> own = dominating(l, entry.limits(), i, List.of());
        Optional<Limit> over = own.isPresent() ? own : dominating(l, List.of(), -1, all);
        over.ifPresent(o -> at(RuleIds.toolLimit(tool, l.counter()), d -> neverBinds("tool '" + tool + "'", l, o, d),
            own.isPresent() ? RuleIds.toolLimit(tool, o.counter()) : RuleIds.allToolsLimit(o.counter()),
            "the limit that binds first"));
      }
    });
  }

  /** A limit of {@code same} (other than the {@code index}th) or of {@code wider} that allows no more calls over a window at least as long. */
  private static Optional<Limit> dominating(Limit l, List<Limit> same, int index, List<Limit> wider) {
    for (int j = 0; j < same.size(); j++) {
      Limit o = same.get(j);
      boolean equal = o.max() == l.max() && o.window() == l.window();
      if (j != index && o.max() <= l.max() && o.window().millis() >= l.window().millis() && (!equal || j < index)) {
        return Optional.of(o);
      }
    }
    for (Limit o : wider) {
      if (o.max() <= l.max() && o.window().millis() >= l.window().millis()) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  private static Diagnostic neverBinds(String whose, Limit l, Limit o, Site d) {
    return Diagnostic.of(Code.E704, "the limit " + l.max() + "/" + l.window().word() + " of " + whose + " can never bind: "
        + o.max() + "/" + o.window().word() + " (" + o.counter() + ") allows no more calls over a "
        + (o.window() == l.window() ? "window as long" : "longer window"), d.module().file(), d.span());
  }

  // ------------------------------------------------------------------ risky tools

  /** An execute or destructive tool allowed with no limit and no condition at all. */
  private void unprotected() {
    if (!catalog.bound() || !document.allToolsLimits().isEmpty() || document.hide().contains("*")) {
      return;
    }
    TreeSet<String> byDefault = new TreeSet<>(dev.mcppolicy.model.CodePoints.ORDER);
    catalog.tools().forEach((tool, e) -> {
      ToolClass c = e.entry().toolClass();
      if (c != ToolClass.EXECUTE && c != ToolClass.DESTRUCTIVE || hidden.contains(tool)) {
        return;
      }
      ToolPolicy entry = document.tools().get(tool);
      if (entry == null) {
        if (document.defaultPosture() == Posture.ALLOW) {
          byDefault.add(tool);
        }
        return;
      }
      if (entry.require().isEmpty() && entry.denyIf().isEmpty() && entry.limits().isEmpty()) {
        Optional<SourceMap.Origin> o = Optional.ofNullable(sources.tools().get(tool));
        o.map(input.sites()::get).filter(s -> !s.module().isStdlib()).ifPresent(s -> found.add(Diagnostic.of(Code.E705,
            "tool '" + tool + "' (" + c.word() + ") is allowed with no limit and no condition", s.module().file(), s.span())
            .withHelp("give it a limit ('tool " + tool + " limit 10/minute per grant') or conditions on its arguments")));
      }
    });
    if (!byDefault.isEmpty()) {
      sources.posture().map(input.sites()::get).ifPresent(s -> found.add(Diagnostic.of(Code.E705,
          "'default allow' allows " + byDefault.size() + (byDefault.size() == 1 ? " execute or destructive tool" : " execute or destructive tools")
          + " with no limit and no condition: " + String.join(", ", byDefault.stream().limit(5).toList())
          + (byDefault.size() > 5 ? " and " + (byDefault.size() - 5) + " more" : ""), s.module().file(), s.span())
          .withHelp("hide them ('hide class destructive'), or give them limits")));
    }
  }

  // ------------------------------------------------------------------ statements

  /**
   * Statements that never decide: a block or limit all of whose tools are hidden or denied (named
   * ones are E406 already); and a glob, class or risk in {@code hide} under {@code default allow}.
   */
  private void statements() {
    // what each statement selects, gathered in one pass over the tools
    Map<Placed, List<String>> selects = new java.util.HashMap<>();
    java.util.Set<Placed> byName = new java.util.HashSet<>();
    for (String tool : input.selection().universe()) {
      for (Selection.Selected sel : input.selection().of(tool)) {
        selects.computeIfAbsent(sel.by(), k -> new ArrayList<>()).add(tool);
        if (sel.specificity() == 3) {
          byName.add(sel.by());
        }
      }
    }
    for (Placed p : input.statements()) {
      if (p.module().isStdlib()) {
        continue;
      }
      Statement s = p.statement();
      if (s instanceof Statement.Hide h && document.defaultPosture() == Posture.ALLOW) {
        for (SelectorItem item : h.selector().items()) {
          if (!(item instanceof SelectorItem.ByName) && !(item instanceof SelectorItem.ByGlob g && g.isStar())) {
            found.add(Diagnostic.of(Code.E707, "under 'default allow', this hide selects by " + kind(item)
                + ": it hides the tools the catalog lists today, and a tool the server adds later is allowed",
                p.module().file(), item.span())
                .withHelp("name the tools to hide, or turn the policy around: 'default deny' and allow what is needed"));
          }
        }
      }
      if (!(s instanceof Statement.ToolBlock) && !(s instanceof Statement.ToolLimit)) {
        continue;
      }
      List<String> selected = selects.getOrDefault(p, List.of());
      if (selected.isEmpty() || byName.contains(p) || !selected.stream().allMatch(this::closed)) {
        continue;
      }
      String first = selected.get(0);
      SourceMap.Origin closedBy = document.hide().contains(first) || document.hide().contains("*")
          ? Optional.ofNullable(sources.hidden().get(first)).orElse(sources.hidden().get("*")) : sources.tools().get(first);
      Diagnostic d = Diagnostic.of(Code.E703, "these rules never decide: every tool they select is "
          + (selected.size() == 1 ? "" : "hidden or denied (" + selected.size() + " tools), as ") + "'" + first + "' is "
          + (document.hide().contains(first) || document.hide().contains("*") ? "hidden" : "denied"), p.module().file(), s.span());
      Site site = closedBy == null ? null : input.sites().get(closedBy);
      found.add(site == null ? d : d.withNote(document.hide().contains(first) || document.hide().contains("*") ? "hidden here" : "denied here",
          site.module().file(), site.span()));
    }
  }

  private boolean closed(String tool) {
    if (hidden.contains(tool) || hidden.contains("*")) {
      return true;
    }
    ToolPolicy e = document.tools().get(tool);
    return e != null && e.denyIf().stream().anyMatch(r -> r.conditions().isEmpty());
  }

  private static String kind(SelectorItem item) {
    return item instanceof SelectorItem.ByClass ? "class" : item instanceof SelectorItem.ByRisk ? "risk" : "glob";
  }

  // ------------------------------------------------------------------ places

  /** A finding at the source of {@code rule} (unless it is in the stdlib), with a note at {@code witness}'s source. */
  private void at(String rule, java.util.function.Function<Site, Diagnostic> make, String witness, String note) {
    Optional<Site> site = sources.rule(rule).map(input.sites()::get);
    if (site.isEmpty() || site.get().module().isStdlib()) {
      return;
    }
    Diagnostic d = make.apply(site.get());
    if (witness != null) {
      Optional<Site> w = sources.rule(witness).map(input.sites()::get);
      if (w.isPresent()) {
        d = d.withNote(note, w.get().module().file(), w.get().span());
      }
    }
    found.add(d);
  }

  /** Whether the line before the finding's holds {@code # mcppolicy: allow CODE} for its code. */
  private static boolean silenced(Diagnostic d) {
    return d.location().map(l -> {
      int line = l.span().line() - 1;
      if (line < 1 || l.file() == null) {
        return false;
      }
      Matcher m = ALLOW.matcher(l.file().line(line));
      return m.matches() && List.of(m.group(1).split("[ ,]+")).contains(d.code().name());
    }).orElse(false);
  }
}
