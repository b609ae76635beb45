package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.syntax.Expr;
import dev.mcppolicy.syntax.RuleItem;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule's condition in disjunctive normal form: the conjunctions policy.json holds, one entry
 * each (a deny-if becomes several entries; a require must be one). Each rule is expanded once,
 * however many tools it applies to.
 */
final class NormalForm {
  static final int MAX_DISJUNCTS = 64;

  private final Diagnostics sink;
  /** By identity: hashing a rule's whole syntax tree on every lookup made large policies slow. */
  private final Map<RuleItem, Optional<List<List<Condition>>>> cache = new IdentityHashMap<>();

  NormalForm(Diagnostics sink) {
    this.sink = sink;
  }

  /** The rule's conjunctions; empty, with an error reported once, when it has no valid form. */
  Optional<List<List<Condition>>> conjunctions(RuleItem rule, Module module) {
    return cache.computeIfAbsent(rule, r -> {
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
  static List<List<Condition>> dnf(Expr e) {
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
}
