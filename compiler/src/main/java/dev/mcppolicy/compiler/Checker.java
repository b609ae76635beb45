package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.RegexCheck;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.RuleItem;
import dev.mcppolicy.syntax.Statement;
import dev.mcppolicy.syntax.Strings;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks each file on its own: at most one {@code default} and {@code policy}, unique test names,
 * and every condition (RE2 patterns with the position inside the pattern, numbers for ordering
 * operators, lists for {@code in}, strings for {@code matches}).
 */
final class Checker {
  private final Diagnostics sink;

  Checker(Diagnostics sink) {
    this.sink = sink;
  }

  void check(Module module) {
    SourceFile file = module.file();
    Item.Default firstDefault = null;
    Item.PolicyName firstName = null;
    Map<String, Item.Test> tests = new HashMap<>();
    for (Item item : module.unit().items()) {
      if (item instanceof Item.Default d) {
        firstDefault = once(file, "default", firstDefault, d);
      } else if (item instanceof Item.PolicyName p) {
        firstName = once(file, "policy", firstName, p);
      } else if (item instanceof Item.Test t) {
        Item.Test twin = tests.putIfAbsent(t.name().value(), t);
        if (twin != null) {
          sink.add(Diagnostic.of(Code.E506, "a test named \"" + t.name().value() + "\" already exists in this file",
              file, t.name().span()).withNote("first test of that name", file, twin.name().span()));
        }
      } else if (item instanceof Statement.ToolBlock block) {
        for (RuleItem rule : block.rules()) {
          if (rule instanceof RuleItem.Require r) {
            conditions(file, r.condition());
          } else if (rule instanceof RuleItem.DenyIf d) {
            conditions(file, d.condition());
          }
        }
      }
    }
    if (firstName != null && firstDefault == null && !module.isStdlib()) {
      // a file that names a policy is one: without default it would silently be a module, which
      // check passes and verify never runs
      sink.add(Diagnostic.of(Code.E101, "policy \"" + firstName.name().value() + "\" has no 'default'",
          file, firstName.span())
          .withHelp("add 'default deny' (or 'default allow'); a module, a file to import, has no 'policy' line"));
    }
  }

  /** The first of a declaration that may appear once; a later one is reported. */
  private <T extends Item> T once(SourceFile file, String keyword, T first, T item) {
    if (first == null) {
      return item;
    }
    sink.add(Diagnostic.of(Code.E102, "'" + keyword + "' is declared twice", file, item.span())
        .withNote("first declared here", file, first.span()));
    return first;
  }

  private void conditions(SourceFile file, Expr expr) {
    expr.comparisons().forEach(e -> compare(file, e));
  }

  private void compare(SourceFile file, Expr.Compare e) {
    Expr.Literal value = e.value();
    Op op = e.op();
    if (op.isOrdering() && !(value.value() instanceof JsonNumber)) {
      sink.add(Diagnostic.of(Code.E306, "'" + Symbols.of(op) + "' compares numbers, but " + value.text() + " is "
          + value.value().kind(), file, value.span())
          .withHelp(value.value() instanceof JsonString s && JsonNumber.rangeProblem(s.value()).isEmpty()
              ? "write the number without quotes: " + s.value() : "use == or != to compare other values"));
    } else if ((op == Op.IN || op == Op.NOT_IN) && !(value.value() instanceof JsonArray)) {
      sink.add(Diagnostic.of(Code.E307, "'" + (op == Op.IN ? "in" : "not in") + "' needs a list, but "
          + value.text() + " is " + value.value().kind(), file, value.span())
          .withHelp("write a list: [" + value.text() + "]"));
    } else if (op == Op.REGEX) {
      if (!(value.value() instanceof JsonString pattern)) {
        sink.add(Diagnostic.of(Code.E308, "'matches' needs a pattern string, but " + value.text() + " is "
            + value.value().kind(), file, value.span()));
        return;
      }
      RegexCheck.check(pattern.value()).ifPresent(problem -> sink.add(Diagnostic.of(Code.E305,
          problem.message(), file,
          value.span().inside(1 + Strings.rawOffset(value.text(), problem.index()), 1))));
    }
  }

}
