package dev.mcppolicy.format;

import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.syntax.Comment;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.LimitClause;
import dev.mcppolicy.syntax.Name;
import dev.mcppolicy.syntax.Parser;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.Selector;
import dev.mcppolicy.syntax.SelectorItem;
import dev.mcppolicy.syntax.SourceUnit;
import dev.mcppolicy.syntax.Statement;
import dev.mcppolicy.syntax.Step;
import dev.mcppolicy.syntax.Strings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prints a file in the one canonical layout: one item, rule, entry or step per line, two-space
 * indent in blocks, single spaces between tokens, catalog columns aligned, at most one blank line
 * where the source had any, LF line ends and a final newline. Comments are kept: a comment on the
 * line of a construct stays there, others stay before what follows them, and a comment inside a
 * multi-line construct moves before it. Strings and numbers at the top of a construct keep their
 * spelling; literals inside conditions and calls are printed as one-line JSON. Formatting never
 * changes what a file compiles to, and formatting twice changes nothing.
 */
public final class Formatter {
  private static final Pattern BARE_SEGMENT = Pattern.compile("[A-Za-z0-9_\\-]+");

  private final List<Comment> comments;
  private int next;
  private final StringBuilder out = new StringBuilder();
  private int lastLine;
  private boolean startOfSequence = true;

  private Formatter(List<Comment> comments) {
    this.comments = comments;
  }

  /** Formats source text; empty when it does not parse cleanly (the problems go to the sink). */
  public static Optional<String> format(SourceFile file, Diagnostics sink) {
    Diagnostics own = new Diagnostics();
    Parser.Result result = Parser.parse(file, own);
    sink.addAll(own.sorted());
    if (result.syntaxErrors() || own.hasErrors()) {
      return Optional.empty(); // a dropped item would be lost: never format a file with errors
    }
    return Optional.of(print(result.unit()));
  }

  /** Prints a syntax tree in canonical layout. */
  public static String print(SourceUnit unit) {
    Formatter f = new Formatter(unit.comments());
    for (Item item : unit.items()) {
      f.item(item);
    }
    f.flushBefore(Integer.MAX_VALUE, 0, 0);
    String text = f.out.toString().replaceAll("[ \\t]+\n", "\n");
    return text.isEmpty() ? "" : text;
  }

  // ------------------------------------------------------------------ layout machinery

  private void item(Item item) {
    item.accept(new Item.Visitor<Void>() {
      public Void visitPolicyName(Item.PolicyName p) {
        leaf(p.span(), "policy " + p.name().raw(), 0);
        return null;
      }

      public Void visitDefault(Item.Default d) {
        leaf(d.span(), "default " + d.posture().word(), 0);
        return null;
      }

      public Void visitImport(Item.Import i) {
        leaf(i.span(), "import " + i.target().raw(), 0);
        return null;
      }

      public Void visitCatalog(Item.Catalog c) {
        catalog(c);
        return null;
      }

      public Void visitTest(Item.Test t) {
        open(t.span(), "test " + t.name().raw(), 0, t.steps().isEmpty() ? null : t.steps().get(0).span());
        for (Step s : t.steps()) {
          leaf(s.span(), step(s), 1);
        }
        close(t.span(), 0);
        return null;
      }

      public Void visitStatement(Statement s) {
        statement(s);
        return null;
      }
    });
  }

  /** One line; comments before it (or inside it, if it spans lines) go first. */
  private void leaf(Span span, String text, int indent) {
    flushBefore(span.line(), span.column(), indent);
    flushLinesBefore(span.endLine(), indent);
    line(span.line(), span.endLine(), "  ".repeat(indent) + text);
    trailing(span.endLine(), span.endColumn());
  }

  private void open(Span span, String header, int indent, Span firstChild) {
    flushBefore(span.line(), span.column(), indent);
    line(span.line(), span.line(), "  ".repeat(indent) + header + " {");
    if (next < comments.size()) {
      Comment c = comments.get(next);
      boolean beforeChild = firstChild == null || before(c.span(), firstChild.line(), firstChild.column());
      if (c.span().line() == span.line() && beforeChild) {
        out.setLength(out.length() - 1);
        out.append(' ').append(c.text().strip()).append('\n');
        next++;
      }
    }
    startOfSequence = true;
  }

  private void close(Span span, int indent) {
    flushBefore(span.endLine(), span.endColumn() - 1, indent + 1);
    startOfSequence = false;
    line(span.endLine(), span.endLine(), "  ".repeat(indent) + "}");
    trailing(span.endLine(), span.endColumn());
  }

  private void line(int sourceStart, int sourceEnd, String text) {
    if (!startOfSequence && sourceStart - lastLine > 1 && out.length() > 0) {
      out.append('\n');
    }
    out.append(text).append('\n');
    lastLine = sourceEnd;
    startOfSequence = false;
  }

  private void flushBefore(int line, int column, int indent) {
    while (next < comments.size() && before(comments.get(next).span(), line, column)) {
      Comment c = comments.get(next++);
      line(c.span().line(), c.span().line(), "  ".repeat(indent) + c.text().strip());
    }
  }

  /** Comments inside a multi-line construct move before it, with no blank line of their own. */
  private void flushLinesBefore(int line, int indent) {
    while (next < comments.size() && comments.get(next).span().line() < line) {
      Comment c = comments.get(next++);
      lastLine = Math.max(lastLine, c.span().line() - 1);
      line(c.span().line(), c.span().line(), "  ".repeat(indent) + c.text().strip());
    }
  }

  private void trailing(int line, int column) {
    if (next < comments.size()) {
      Comment c = comments.get(next);
      if (c.span().line() == line && !before(c.span(), line, column)) {
        out.setLength(out.length() - 1);
        out.append(' ').append(c.text().strip()).append('\n');
        next++;
      }
    }
  }

  private static boolean before(Span s, int line, int column) {
    return s.line() < line || (s.line() == line && s.column() < column);
  }

  // ------------------------------------------------------------------ constructs

  private void catalog(Item.Catalog c) {
    String header = "catalog " + name(c.id()) + c.title().map(t -> " " + t.raw()).orElse("");
    open(c.span(), header, 0, c.entries().isEmpty() ? null : c.entries().get(0).span());
    int nameWidth = 0;
    int classWidth = 0;
    int riskWidth = 0;
    for (Item.CatalogEntry e : c.entries()) {
      nameWidth = Math.max(nameWidth, name(e.name()).length());
      classWidth = Math.max(classWidth, e.toolClass().word().length());
      riskWidth = Math.max(riskWidth, e.risk().map(r -> r.word().length()).orElse(0));
    }
    for (Item.CatalogEntry e : c.entries()) {
      StringBuilder text = new StringBuilder(pad(name(e.name()), nameWidth + 2));
      boolean tail = e.description().isPresent() || e.args().isPresent();
      boolean more = e.risk().isPresent() || tail;
      text.append(more ? pad(e.toolClass().word(), classWidth + 1) : e.toolClass().word());
      if (riskWidth > 0 && tail) {
        text.append(pad(e.risk().map(r -> r.word()).orElse(""), riskWidth + 1));
      } else {
        e.risk().ifPresent(r -> text.append(r.word()));
      }
      e.description().ifPresent(d -> text.append(d.raw()));
      e.args().ifPresent(args -> text.append(e.description().isPresent() ? " " : "").append(args(args)));
      leaf(e.span(), text.toString(), 1);
    }
    close(c.span(), 0);
  }

  /** {@code args { amount integer required, currency string }}, on the entry's line. */
  private static String args(List<Item.ArgDecl> args) {
    if (args.isEmpty()) {
      return "args {}";
    }
    List<String> parts = new ArrayList<>();
    for (Item.ArgDecl a : args) {
      parts.add(name(a.name()) + " " + a.type().word() + (a.required() ? " required" : ""));
    }
    return "args { " + String.join(", ", parts) + " }";
  }

  private void statement(Statement s) {
    s.accept(new Statement.StatementVisitor<Void>() {
      public Void visitAllow(Statement.Allow a) {
        leaf(a.span(), "allow " + selector(a.selector()), 0);
        return null;
      }

      public Void visitHide(Statement.Hide h) {
        leaf(h.span(), "hide " + selector(h.selector()), 0);
        return null;
      }

      public Void visitDeny(Statement.Deny d) {
        leaf(d.span(), "deny " + selector(d.selector()) + d.message().map(m -> " message " + m.raw()).orElse(""), 0);
        return null;
      }

      public Void visitToolLimit(Statement.ToolLimit t) {
        leaf(t.span(), "tool " + selector(t.selector()) + " " + limit(t.limit()), 0);
        return null;
      }

      public Void visitToolBlock(Statement.ToolBlock t) {
        if (t.rules().isEmpty() && !hasCommentInside(t.span())) {
          leaf(t.span(), "tool " + selector(t.selector()) + " {}", 0);
          return null;
        }
        open(t.span(), "tool " + selector(t.selector()), 0, t.rules().isEmpty() ? null : t.rules().get(0).span());
        for (RuleItem r : t.rules()) {
          leaf(r.span(), rule(r), 1);
        }
        close(t.span(), 0);
        return null;
      }

      public Void visitAllToolsLimit(Statement.AllToolsLimit a) {
        leaf(a.span(), "all tools " + limit(a.limit()), 0);
        return null;
      }
    });
  }

  private boolean hasCommentInside(Span span) {
    return next < comments.size() && before(comments.get(next).span(), span.endLine(), span.endColumn());
  }

  private static String rule(RuleItem r) {
    if (r instanceof RuleItem.Require q) {
      return "require " + expr(q.condition()) + q.message().map(m -> " message " + m.raw()).orElse("");
    }
    if (r instanceof RuleItem.DenyIf d) {
      return "deny if " + expr(d.condition()) + d.message().map(m -> " message " + m.raw()).orElse("");
    }
    return limit(((RuleItem.LimitRule) r).limit());
  }

  private static String limit(LimitClause l) {
    return "limit " + l.count() + "/" + l.window().word() + (l.perGrant() ? " per grant" : "")
        + l.counter().map(c -> " as " + name(c)).orElse("");
  }

  private static String selector(Selector s) {
    List<String> parts = new ArrayList<>();
    for (SelectorItem item : s.items()) {
      parts.add(item.accept(new SelectorItem.Visitor<String>() {
        public String visitName(SelectorItem.ByName n) {
          return name(n.name());
        }

        public String visitGlob(SelectorItem.ByGlob g) {
          return g.pattern();
        }

        public String visitClass(SelectorItem.ByClass c) {
          return "class " + c.toolClass().word();
        }

        public String visitRisk(SelectorItem.ByRisk r) {
          return "risk " + r.op().symbol() + " " + r.level().word();
        }
      }));
    }
    return String.join(", ", parts);
  }

  static String expr(Expr e) {
    return e.accept(new Expr.Visitor<String>() {
      public String visitOr(Expr.Or or) {
        return String.join(" or ", or.terms().stream().map(t -> t.accept(this)).toList());
      }

      public String visitAnd(Expr.And and) {
        return String.join(" and ", and.factors().stream().map(f -> f.accept(this)).toList());
      }

      public String visitGroup(Expr.Group g) {
        return "(" + g.inner().accept(this) + ")";
      }

      public String visitCompare(Expr.Compare c) {
        String path = path(c.path());
        if (c.op() == Op.EXISTS) {
          boolean exists = ((dev.mcppolicy.json.JsonBoolean) c.value().value()).value();
          return path + (exists ? " exists" : " not exists");
        }
        return path + " " + dev.mcppolicy.compiler.Symbols.of(c.op()) + " " + JsonWriter.inline(c.value().value());
      }
    });
  }

  private static String path(Expr.ArgPath p) {
    StringBuilder out = new StringBuilder("args");
    boolean afterQuoted = false;
    for (String segment : p.segments()) {
      // once a segment is quoted, every later one is too: a bare segment between two quoted ones
      // ("a b".x."c d") would lex as the name 'x.' and not read back to the same path
      boolean bare = BARE_SEGMENT.matcher(segment).matches() && !afterQuoted;
      out.append('.');
      if (bare) {
        out.append(segment);
      } else {
        JsonWriter.writeString(segment, out);
      }
      afterQuoted |= !bare;
    }
    return out.toString();
  }

  private static String step(Step s) {
    return s.accept(new Step.Visitor<String>() {
      public String visitGrant(Step.Grant g) {
        return "grant " + g.grant().raw();
      }

      public String visitAt(Step.At a) {
        return "at " + a.text().raw();
      }

      public String visitAfter(Step.After a) {
        return "after " + a.text();
      }

      public String visitCall(Step.Call c) {
        StringBuilder text = new StringBuilder("call ").append(name(c.tool()));
        c.arguments().ifPresent(a -> text.append(' ').append(JsonWriter.inline(a.value())));
        c.repeat().ifPresent(n -> text.append(" x ").append(n));
        c.outcome().ifPresent(o -> text.append(" outcome ").append(o.word()));
        text.append(" expect ").append(c.expect().word());
        c.rule().ifPresent(r -> text.append(" rule ").append(r.raw()));
        c.message().ifPresent(m -> text.append(" message ").append(m.raw()));
        return text.toString();
      }

      public String visitReplay(Step.Replay r) {
        return "replay " + r.file().raw();
      }
    });
  }

  private static String name(Name n) {
    if (!n.quoted()) {
      return Strings.toolName(n.value());
    }
    StringBuilder out = new StringBuilder();
    JsonWriter.writeString(n.value(), out);
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
