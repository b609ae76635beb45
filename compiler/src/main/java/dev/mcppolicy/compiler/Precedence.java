package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Precedence (language.md section 7): of the statements that answer the same question for a tool
 * (its visibility, or its limit in one window), the most specific wins, then the nearest module
 * (the compiled file beats what it imports). Two different answers that tie, and two equal ones
 * in one module, are recorded as conflicts.
 */
final class Precedence {
  private final Conflicts conflicts;

  Precedence(Conflicts conflicts) {
    this.conflicts = conflicts;
  }

  /** The candidates that win: highest specificity, then nearest module, in source order. */
  static <T extends Answer> List<Candidate<T>> top(List<Candidate<T>> candidates) {
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
    out.sort(Candidate.IN_SOURCE_ORDER);
    return out;
  }

  /** The visibility that wins for {@code tool}; empty when no statement says. */
  Optional<Candidate<Answer.Shown>> visibility(String tool, List<Candidate<Answer.Shown>> all) {
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<Candidate<Answer.Shown>> top = top(all);
    Candidate<Answer.Shown> first = top.get(0);
    for (Candidate<Answer.Shown> other : top.subList(1, top.size())) {
      if (other.at() == first.at()) {
        continue; // one statement selecting the tool through two items
      }
      boolean same = other.answer().equals(first.answer());
      Code code = same ? Code.E405 : other.at().module() != first.at().module() ? Code.E403 : Code.E401;
      if (code == Code.E405 && other.at().module() != first.at().module()) {
        continue; // two imports saying the same thing is harmless
      }
      conflicts.add(code, other.at(), first.at(), tool, other.answer(), first.answer());
    }
    return Optional.of(first);
  }

  /** The limits that win for {@code tool} in one window: one per counter name (and one unnamed). */
  List<Candidate<Answer.Limited>> limits(String tool, List<Candidate<Answer.Limited>> perWindow) {
    Map<String, Candidate<Answer.Limited>> byName = new LinkedHashMap<>();
    for (Candidate<Answer.Limited> c : top(perWindow)) {
      String name = c.answer().clause().counter().map(n -> "as:" + n.value()).orElse("unnamed");
      Candidate<Answer.Limited> first = byName.putIfAbsent(name, c);
      if (first == null) {
        continue;
      }
      if (first.at() == c.at()) {
        if (first.index() != c.index()) {
          conflicts.add(c.answer().clause().counter().isPresent() ? Code.E404 : Code.E407, c.at(), first.at(), tool,
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
      conflicts.add(code, c.at(), first.at(), tool, c.answer(), first.answer(), c.span(), first.span());
    }
    return new ArrayList<>(byName.values());
  }
}
