package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A step of a {@code test} block (language.md section 9). */
public sealed interface Step permits Step.Grant, Step.At, Step.After, Step.Call, Step.Replay {
  Span span();

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R visitGrant(Grant s);

    R visitAt(At s);

    R visitAfter(After s);

    R visitCall(Call s);

    R visitReplay(Replay s);
  }

  record Grant(Str grant, Span span) implements Step {
    public <R> R accept(Visitor<R> v) {
      return v.visitGrant(this);
    }
  }

  record At(Str text, Instant instant, Span span) implements Step {
    public <R> R accept(Visitor<R> v) {
      return v.visitAt(this);
    }
  }

  record After(String text, Duration duration, Span span) implements Step {
    public <R> R accept(Visitor<R> v) {
      return v.visitAfter(this);
    }
  }

  record Call(Name tool, Optional<Expr.Literal> arguments, OptionalLong repeat, Optional<Outcome> outcome,
      Decision expect, Optional<Str> rule, Optional<Str> message, Span span) implements Step {
    public long times() {
      return repeat.orElse(1);
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitCall(this);
    }
  }

  record Replay(Str file, Span span) implements Step {
    public <R> R accept(Visitor<R> v) {
      return v.visitReplay(this);
    }
  }


  enum Decision {
    ALLOW("allow"), DENY("deny");

    private final String word;

    Decision(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}
