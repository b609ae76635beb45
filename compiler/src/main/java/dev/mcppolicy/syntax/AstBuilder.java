package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.grammar.McpPolicyLexer;
import dev.mcppolicy.grammar.McpPolicyParser.*;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Risk;
import dev.mcppolicy.model.ToolClass;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.time.Instants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Builds the immutable syntax tree from ANTLR's parse tree and validates what the grammar leaves
 * open (windows, classes, counts, escapes, paths) with specific messages. An item, rule, entry or
 * step with a problem is reported and left out; the rest of the file is still built.
 */
final class AstBuilder {
  private static final List<String> WINDOWS = List.of("minute", "hour", "day");

  private final SourceFile file;
  private final Diagnostics sink;

  /** Thrown after a problem was reported, to leave out the node being built. */
  private static final class Dropped extends RuntimeException {
    Dropped() {
      super(null, null, false, false);
    }
  }

  private final java.util.Set<Integer> errorTokens;

  /** @param errorTokens token indexes where the parser reported an error (and maybe recovered) */
  AstBuilder(SourceFile file, Diagnostics sink, java.util.Set<Integer> errorTokens) {
    this.file = file;
    this.sink = sink;
    this.errorTokens = errorTokens;
  }

  List<Item> items(StandaloneFileContext tree) {
    List<Item> out = new ArrayList<>();
    for (ItemContext ctx : tree.items) {
      if (ctx instanceof EmptyItemContext || hasError(ctx) || containsErrorToken(ctx)) {
        continue;
      }
      try {
        out.add(item(ctx));
      } catch (Dropped e) {
        // reported; the item is left out
      }
    }
    return out;
  }

  private Item item(ItemContext ctx) {
    if (ctx instanceof PolicyItemContext c) {
      return new Item.PolicyName(str(c.name), span(c));
    }
    if (ctx instanceof DefaultItemContext c) {
      String word = c.posture.getText();
      if (word.equals("allow") || word.equals("deny")) {
        return new Item.Default(word.equals("allow") ? Posture.ALLOW : Posture.DENY, span(c));
      }
      throw report(Diagnostic.of(Code.E108, "default must be 'allow' or 'deny', not '" + word + "'",
          file, span(c.posture)), suggest(word, List.of("allow", "deny")));
    }
    if (ctx instanceof ImportItemContext c) {
      return new Item.Import(str(c.target), span(c));
    }
    if (ctx instanceof CatalogItemContext c) {
      List<Item.CatalogEntry> entries = new ArrayList<>();
      for (CatalogEntryContext e : c.entries) {
        try {
          entries.add(entry(e));
        } catch (Dropped dropped) {
          // reported
        }
      }
      return new Item.Catalog(new Name(c.id.getText(), false, span(c.id)),
          Optional.ofNullable(c.title).map(this::str), entries, span(c));
    }
    if (ctx instanceof StatementItemContext c) {
      return statement(c.statement());
    }
    if (ctx instanceof TestItemContext c) {
      List<Step> steps = new ArrayList<>();
      for (TestStepContext s : c.steps) {
        if (s instanceof EmptyStepContext) {
          continue;
        }
        try {
          steps.add(step(s));
        } catch (Dropped dropped) {
          // reported
        }
      }
      return new Item.Test(str(c.name), steps, span(c));
    }
    throw new IllegalStateException("unhandled item " + ctx.getClass().getSimpleName());
  }

  private Item.CatalogEntry entry(CatalogEntryContext c) {
    String cls = c.cls.getText();
    ToolClass toolClass = ToolClass.fromWord(cls).orElseThrow(() -> report(
        Diagnostic.of(Code.E205, "unknown class '" + cls + "' (read, write, execute or destructive)", file, span(c.cls)),
        suggest(cls, classWords())));
    Optional<Risk> risk = c.risk == null ? Optional.empty() : Risk.fromWord(c.risk.getText());
    Optional<List<Item.ArgDecl>> args = Optional.empty();
    if (c.ARGS() != null) {
      List<Item.ArgDecl> declared = new ArrayList<>();
      Map<String, Item.ArgDecl> seen = new HashMap<>();
      for (ArgDeclContext a : c.args) {
        Item.ArgDecl arg = argDecl(a);
        Item.ArgDecl twin = seen.putIfAbsent(arg.name().value(), arg);
        if (twin != null) {
          sink.add(Diagnostic.of(Code.E214, "argument '" + arg.name().value() + "' is listed twice for tool '"
              + c.name.getText() + "'", file, arg.name().span()).withNote("first listed here", file, twin.name().span()));
          continue;
        }
        declared.add(arg);
      }
      args = Optional.of(declared);
    }
    return new Item.CatalogEntry(name(c.name), toolClass, risk, Optional.ofNullable(c.description).map(this::str),
        args, span(c));
  }

  private Item.ArgDecl argDecl(ArgDeclContext c) {
    String word = c.type.getText();
    ArgType type = ArgType.fromWord(word).orElseThrow(() -> report(Diagnostic.of(Code.E215,
        "unknown argument type '" + word + "' (string, number, integer, boolean, object, array, null or any)",
        file, span(c.type)), suggest(word, Arrays.stream(ArgType.values()).map(ArgType::word).toList())));
    if (c.required != null && !c.required.getText().equals("required")) {
      throw report(Diagnostic.of(Code.E004, "expected 'required', ',' or '}' after the type of argument '"
          + c.name.getText() + "', not '" + c.required.getText() + "'", file, span(c.required)),
          suggest(c.required.getText(), List.of("required")));
    }
    return new Item.ArgDecl(name(c.name), type, c.required != null, span(c));
  }

  // ------------------------------------------------------------------ statements

  private Statement statement(StatementContext ctx) {
    if (ctx instanceof AllowStatementContext c) {
      return new Statement.Allow(selector(c.sel), span(c));
    }
    if (ctx instanceof HideStatementContext c) {
      return new Statement.Hide(selector(c.sel), span(c));
    }
    if (ctx instanceof DenyStatementContext c) {
      return new Statement.Deny(selector(c.sel), Optional.ofNullable(c.message).map(this::str), span(c));
    }
    if (ctx instanceof ToolStatementContext c && c.limit != null) {
      return new Statement.ToolLimit(selector(c.sel), limit(c.limit), span(c));
    }
    if (ctx instanceof ToolStatementContext c) {
      Selector selector = selector(c.sel);
      List<RuleItem> rules = new ArrayList<>();
      for (RuleItemContext r : c.rules) {
        if (r instanceof EmptyRuleContext) {
          continue;
        }
        try {
          rules.add(rule(r));
        } catch (Dropped dropped) {
          // reported
        }
      }
      return new Statement.ToolBlock(selector, rules, span(c));
    }
    if (ctx instanceof AllToolsStatementContext c) {
      return new Statement.AllToolsLimit(limit(c.limit), span(c));
    }
    throw new IllegalStateException("unhandled statement " + ctx.getClass().getSimpleName());
  }

  private RuleItem rule(RuleItemContext ctx) {
    if (ctx instanceof RequireRuleContext c) {
      return new RuleItem.Require(expr(c.cond), Optional.ofNullable(c.message).map(this::str), span(c));
    }
    if (ctx instanceof DenyIfRuleContext c) {
      return new RuleItem.DenyIf(expr(c.cond), Optional.ofNullable(c.message).map(this::str), span(c));
    }
    if (ctx instanceof LimitRuleContext c) {
      return new RuleItem.LimitRule(limit(c.limit));
    }
    throw new IllegalStateException("unhandled rule " + ctx.getClass().getSimpleName());
  }

  private LimitClause limit(LimitClauseContext c) {
    String countText = c.count.getText();
    long count = positiveLong(countText).orElseThrow(() -> report(Diagnostic.of(Code.E301,
        "a limit count must be a whole number from 1 to 9223372036854775807, not " + countText,
        file, span(c.count)), null));
    String windowWord = c.window.getText();
    Window window = Window.fromWord(windowWord).orElseThrow(() -> report(Diagnostic.of(Code.E302,
        "unknown window '" + windowWord + "': a limit counts per minute, hour or day", file, span(c.window)),
        suggest(windowWord.replaceAll("s$", ""), WINDOWS).or(() -> suggest(windowWord, WINDOWS))));
    if (c.scope != null && !c.scope.getText().equals("grant")) {
      throw report(Diagnostic.of(Code.E303, "unsupported scope '" + c.scope.getText()
          + "': policy.json v1 counts per grant only", file, span(c.scope)), "write 'per grant' or leave the scope out");
    }
    Optional<Name> counter = Optional.ofNullable(c.counter).map(this::name);
    if (counter.isPresent()) {
      Optional<String> problem = dev.mcppolicy.model.DocumentRules.counter(counter.get().value());
      if (problem.isPresent()) {
        throw report(Diagnostic.of(Code.E404, problem.get(), file, counter.get().span()), null);
      }
    }
    return new LimitClause(count, window, c.scope != null, counter, span(c));
  }

  private Selector selector(SelectorContext c) {
    List<SelectorItem> items = new ArrayList<>();
    for (SelectorItemContext item : c.items) {
      items.add(selectorItem(item));
    }
    return new Selector(items, span(c));
  }

  private SelectorItem selectorItem(SelectorItemContext ctx) {
    if (ctx instanceof ClassSelectorContext c) {
      String word = c.cls.getText();
      return new SelectorItem.ByClass(ToolClass.fromWord(word).orElseThrow(() -> report(
          Diagnostic.of(Code.E205, "unknown class '" + word + "' (read, write, execute or destructive)", file, span(c.cls)),
          suggest(word, classWords()))), span(c));
    }
    if (ctx instanceof RiskSelectorContext c) {
      String opText = c.op.getText();
      SelectorItem.RiskOp op = Arrays.stream(SelectorItem.RiskOp.values())
          .filter(o -> o.symbol().equals(opText)).findFirst()
          .orElseThrow(() -> report(Diagnostic.of(Code.E207, "risk levels compare with ==, <, <=, > or >=, not '"
              + opText + "'", file, span(c.op)), "list the levels you mean, as in 'risk <= medium, risk == critical'"));
      String level = c.level.getText();
      Risk risk = Risk.fromWord(level).orElseThrow(() -> report(Diagnostic.of(Code.E206,
          "unknown risk level '" + level + "' (low, medium, high or critical)", file, span(c.level)),
          suggest(level, List.of("low", "medium", "high", "critical"))));
      return new SelectorItem.ByRisk(op, risk, span(c));
    }
    if (ctx instanceof GlobSelectorContext c) {
      return new SelectorItem.ByGlob(c.pattern.getText(), span(c));
    }
    if (ctx instanceof NameSelectorContext c) {
      return new SelectorItem.ByName(name(c.name));
    }
    throw new IllegalStateException("unhandled selector " + ctx.getClass().getSimpleName());
  }

  // ------------------------------------------------------------------ conditions

  private Expr expr(OrExprContext c) {
    if (c.terms.size() == 1) {
      return and(c.terms.get(0));
    }
    List<Expr> terms = new ArrayList<>();
    for (AndExprContext t : c.terms) {
      terms.add(and(t));
    }
    return new Expr.Or(terms, span(c));
  }

  private Expr and(AndExprContext c) {
    if (c.factors.size() == 1) {
      return condition(c.factors.get(0));
    }
    List<Expr> factors = new ArrayList<>();
    for (ConditionContext f : c.factors) {
      factors.add(condition(f));
    }
    return new Expr.And(factors, span(c));
  }

  private Expr condition(ConditionContext ctx) {
    if (ctx instanceof GroupConditionContext c) {
      return new Expr.Group(expr(c.inner), span(c));
    }
    if (ctx instanceof CompareConditionContext c) {
      Op op = switch (c.op.getStart().getType()) {
        case McpPolicyLexer.EQ -> Op.EQ;
        case McpPolicyLexer.NEQ -> Op.NEQ;
        case McpPolicyLexer.LT -> Op.LT;
        case McpPolicyLexer.LTE -> Op.LTE;
        case McpPolicyLexer.GT -> Op.GT;
        default -> Op.GTE;
      };
      return new Expr.Compare(path(c.path()), op, literal(c.value), span(c));
    }
    if (ctx instanceof InConditionContext c) {
      return new Expr.Compare(path(c.path()), c.negated == null ? Op.IN : Op.NOT_IN, literal(c.value), span(c));
    }
    if (ctx instanceof MatchesConditionContext c) {
      noNegation(c.negated, "matches", "write the pattern so that it matches what to refuse, with 'deny if'");
      return new Expr.Compare(path(c.path()), Op.REGEX, literal(c.value), span(c));
    }
    if (ctx instanceof ContainsConditionContext c) {
      noNegation(c.negated, "contains", "turn the rule around: 'deny if' what must not be contained");
      return new Expr.Compare(path(c.path()), Op.CONTAINS, literal(c.value), span(c));
    }
    if (ctx instanceof ExistsConditionContext c) {
      Token keyword = c.EXISTS().getSymbol();
      JsonBoolean value = new JsonBoolean(c.negated == null);
      return new Expr.Compare(path(c.path()), Op.EXISTS,
          new Expr.Literal(value, value.value() ? "true" : "false", span(keyword)), span(c));
    }
    throw new IllegalStateException("unhandled condition " + ctx.getClass().getSimpleName());
  }

  private void noNegation(Token negated, String op, String help) {
    if (negated != null) {
      throw report(Diagnostic.of(Code.E309, "'not " + op + "' is not supported: policy.json has no negated '"
          + op + "' (only 'not in' and 'not exists')", file, span(negated)), help);
    }
  }

  private Expr.ArgPath path(PathContext c) {
    List<Token> tokens = new ArrayList<>();
    collectTokens(c, tokens);
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i).getStartIndex() != tokens.get(i - 1).getStopIndex() + 1) {
        throw report(Diagnostic.of(Code.E310, "no spaces inside an argument path", file,
            span(tokens.get(i - 1)).to(span(tokens.get(i)))), null);
      }
    }
    String head = c.head.getText();
    if (!head.equals("args") && !head.startsWith("args.")) {
      throw report(Diagnostic.of(Code.E310, "an argument path starts with 'args.', as in 'args.amount'",
          file, span(c.head)), "did you mean 'args." + head + "'?");
    }
    List<String> segments = new ArrayList<>();
    String rest = head.length() > 5 ? head.substring(5) : "";
    boolean openDot = head.endsWith(".");
    if (!rest.isEmpty()) {
      String[] parts = rest.split("\\.", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean last = i == parts.length - 1;
        if (parts[i].isEmpty() && !(last && !c.segments.isEmpty())) {
          throw report(Diagnostic.of(Code.E310, "empty segment in argument path '" + head + "'", file, span(c.head)), null);
        }
        if (!parts[i].isEmpty()) {
          segments.add(parts[i]);
        }
      }
    }
    for (PathSegmentContext s : c.segments) {
      if (s instanceof QuotedSegmentContext q) {
        if (!openDot) {
          throw report(Diagnostic.of(Code.E310, "a quoted path segment follows a '.', as in 'args.\"content-type\"'",
              file, span(q)), null);
        }
        segments.add(quotedSegment(str(q.quoted)));
      } else if (s instanceof DotQuotedSegmentContext q) {
        segments.add(quotedSegment(str(q.quoted)));
      } else if (s instanceof DotNameSegmentContext n) {
        String text = n.name.getText();
        for (String part : text.split("\\.", -1)) {
          if (part.isEmpty()) {
            throw report(Diagnostic.of(Code.E310, "empty segment in argument path", file, span(n)), null);
          }
          segments.add(part);
        }
      }
      openDot = false;
    }
    if (segments.isEmpty()) {
      throw report(Diagnostic.of(Code.E310, "a condition needs an argument: 'args.NAME'", file, span(c)), null);
    }
    return new Expr.ArgPath(segments, span(c));
  }

  private String quotedSegment(Str s) {
    Optional<String> problem = dev.mcppolicy.model.DocumentRules.pathSegment(s.value());
    if (problem.isPresent()) {
      throw report(Diagnostic.of(Code.E310, problem.get(), file, s.span()), null);
    }
    return s.value();
  }

  // ------------------------------------------------------------------ literals

  private Expr.Literal literal(LiteralContext c) {
    return new Expr.Literal(value(c), sourceText(c), span(c));
  }

  /** The literal as written, spacing included (getText() would drop the spaces). */
  private static String sourceText(ParserRuleContext c) {
    return c.getStart().getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(
        c.getStart().getStartIndex(), c.getStop().getStopIndex()));
  }

  private JsonValue value(LiteralContext ctx) {
    if (ctx instanceof StringLiteralContext c) {
      return new JsonString(str(c.STRING().getSymbol()).value());
    }
    if (ctx instanceof NumberLiteralContext c) {
      String text = c.getText();
      JsonNumber.rangeProblem(text).ifPresent(p -> {
        throw report(Diagnostic.of(Code.E311, p, file, span(c)), null);
      });
      return new JsonNumber(text);
    }
    if (ctx instanceof TrueLiteralContext) {
      return new JsonBoolean(true);
    }
    if (ctx instanceof FalseLiteralContext) {
      return new JsonBoolean(false);
    }
    if (ctx instanceof NullLiteralContext) {
      return new JsonNull();
    }
    if (ctx instanceof ListLiteralContext c) {
      List<JsonValue> elements = new ArrayList<>();
      for (LiteralContext e : c.elements) {
        elements.add(value(e));
      }
      return new JsonArray(elements);
    }
    if (ctx instanceof ObjectLiteralContext c) {
      return object(c.object());
    }
    throw new IllegalStateException("unhandled literal " + ctx.getClass().getSimpleName());
  }

  private JsonObject object(ObjectContext c) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (MemberContext m : c.members) {
      Str key = str(m.key);
      if (members.containsKey(key.value())) {
        throw report(Diagnostic.of(Code.E312, "duplicate key " + m.key.getText() + " in an object", file, key.span()), null);
      }
      members.put(key.value(), value(m.value));
    }
    return new JsonObject(members);
  }

  // ------------------------------------------------------------------ tests

  private Step step(TestStepContext ctx) {
    if (ctx instanceof GrantStepContext c) {
      return new Step.Grant(str(c.grant), span(c));
    }
    if (ctx instanceof AtStepContext c) {
      Str text = str(c.instant);
      java.time.Instant at = Instants.parse(text.value()).orElseThrow(() -> report(Diagnostic.of(Code.E501,
          "invalid instant \"" + text.value() + "\": write an RFC 3339 instant with seconds and a zone, "
              + "as in \"2026-11-21T10:00:00Z\"", file, text.span()), null));
      if (!Instants.decidable(at)) {
        throw report(Diagnostic.of(Code.E501, "instant \"" + text.value() + "\" is outside "
            + Instants.DECIDABLE + ", the instants a test decides at", file, text.span()), null);
      }
      return new Step.At(text, at, span(c));
    }
    if (ctx instanceof AfterStepContext c) {
      String text = c.duration.getText();
      return new Step.After(text, duration(text).orElseThrow(() -> report(Diagnostic.of(Code.E502,
          "duration '" + text + "' is too long", file, span(c.duration)), null)), span(c));
    }
    if (ctx instanceof CallStepContext c) {
      OptionalLong repeat = OptionalLong.empty();
      if (c.count != null) {
        String n = c.count.getText();
        repeat = OptionalLong.of(positiveLong(n).filter(v -> v <= 1_000_000).orElseThrow(() -> report(
            Diagnostic.of(Code.E503, "'x' repeats a call 1 to 1000000 times, not " + n, file, span(c.count)), null)));
      }
      Optional<dev.mcppolicy.model.Outcome> outcome = Optional.empty();
      if (c.outcome != null) {
        String word = c.outcome.getText();
        outcome = Optional.of(dev.mcppolicy.model.Outcome.fromWord(word).orElseThrow(() -> report(Diagnostic.of(Code.E504,
            "unknown outcome '" + word + "' (ok, tool_error or rpc_error)", file, span(c.outcome)),
            suggest(word, List.of("ok", "tool_error", "rpc_error")))));
      }
      String decision = c.decision.getText();
      if (!decision.equals("allow") && !decision.equals("deny")) {
        throw report(Diagnostic.of(Code.E505, "expect 'allow' or 'deny', not '" + decision + "'", file,
            span(c.decision)), suggest(decision, List.of("allow", "deny")));
      }
      Optional<Expr.Literal> arguments = Optional.empty();
      if (c.args != null) {
        arguments = Optional.of(new Expr.Literal(object(c.args), sourceText(c.args), span(c.args)));
      }
      return new Step.Call(name(c.tool), arguments, repeat, outcome,
          decision.equals("allow") ? Step.Decision.ALLOW : Step.Decision.DENY,
          Optional.ofNullable(c.expectedRule).map(this::str), Optional.ofNullable(c.message).map(this::str), span(c));
    }
    if (ctx instanceof ReplayStepContext c) {
      return new Step.Replay(str(c.file), span(c));
    }
    throw new IllegalStateException("unhandled step " + ctx.getClass().getSimpleName());
  }

  private static Optional<Duration> duration(String text) {
    int unitAt = 0;
    while (unitAt < text.length() && Character.isDigit(text.charAt(unitAt))) {
      unitAt++;
    }
    String unit = text.substring(unitAt);
    try {
      long amount = Long.parseLong(text.substring(0, unitAt));
      return Optional.of(switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      }).filter(d -> d.compareTo(Duration.ofDays(36_500)) <= 0);
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ leaves

  private Name name(ToolNameContext c) {
    if (c.STRING() != null) {
      Str s = str(c.STRING().getSymbol());
      return new Name(s.value(), true, s.span());
    }
    return new Name(c.getText(), false, span(c));
  }

  Str str(Token token) {
    String raw = token.getText();
    Strings.Decoded decoded = Strings.decode(raw);
    Span whole = span(token);
    if (!decoded.ok()) {
      throw report(Diagnostic.of(Code.E003, decoded.problem().message(), file,
          whole.inside(decoded.problem().rawOffset(), decoded.problem().length())), null);
    }
    return new Str(decoded.value(), raw, whole);
  }

  /** The value of a whole number of ASCII digits from 1 to {@link Long#MAX_VALUE}; else empty. */
  static Optional<Long> positiveLong(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return Optional.empty();
      }
      value = value * 10 + (c - '0');
    }
    return value > 0 ? Optional.of(value) : Optional.empty();
  }

  private static List<String> classWords() {
    return Arrays.stream(ToolClass.values()).map(ToolClass::word).toList();
  }

  private static Optional<String> suggest(String word, List<String> options) {
    return Suggestions.closest(word, options);
  }

  private Dropped report(Diagnostic d, Object help) {
    String text = help instanceof Optional<?> o ? o.map(w -> "did you mean '" + w + "'?").orElse(null) : (String) help;
    sink.add(text == null ? d : d.withHelp(text));
    return new Dropped();
  }

  // ------------------------------------------------------------------ spans

  static Span span(Token t) {
    int length;
    if (t.getType() != Token.EOF && t.getStartIndex() >= 0 && t.getStopIndex() >= t.getStartIndex()) {
      length = t.getStopIndex() - t.getStartIndex() + 1; // the input is indexed by code point
    } else {
      String text = t.getText(); // EOF ("<EOF>"), or a token the parser conjured when recovering
      length = text == null ? 1 : text.codePointCount(0, text.length());
    }
    return Span.at(Math.max(1, t.getLine()), t.getCharPositionInLine() + 1, length);
  }

  static Span span(ParserRuleContext c) {
    Token stop = c.getStop() == null || c.getStop().getTokenIndex() < c.getStart().getTokenIndex() ? c.getStart() : c.getStop();
    return span(c.getStart()).to(span(stop));
  }

  private static void collectTokens(ParseTree tree, List<Token> out) {
    if (tree instanceof org.antlr.v4.runtime.tree.TerminalNode t) {
      out.add(t.getSymbol());
      return;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      collectTokens(tree.getChild(i), out);
    }
  }

  /** Recovery can conjure a missing token without marking the tree; the error's position tells. */
  private boolean containsErrorToken(ParserRuleContext c) {
    if (errorTokens.isEmpty()) {
      return false;
    }
    int from = c.getStart().getTokenIndex();
    int to = c.getStop() == null ? from : c.getStop().getTokenIndex() + 1;
    for (int i : errorTokens) {
      if (i >= from && i <= to) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasError(ParseTree tree) {
    if (tree instanceof ErrorNode) {
      return true;
    }
    if (tree instanceof ParserRuleContext c && c.exception != null) {
      return true;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      if (hasError(tree.getChild(i))) {
        return true;
      }
    }
    return false;
  }
}
