package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.diag.TextRenderer;
import dev.mcppolicy.model.CodePoints;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The conflicts, duplicates and rules without effect found between pairs of statements, as data
 * (the code, both statements and both answers), gathered over every tool and reported once a
 * pair, naming the tools it concerns (language.md section 7).
 */
final class Conflicts {
  /** One finding between two statements; the tools it concerns are gathered per key. */
  private record Pair(Code code, Placed first, Placed second, Answer firstAnswer, Answer secondAnswer) {}

  private final Map<Pair, TreeSet<String>> tools = new LinkedHashMap<>();
  private final Map<Pair, Span[]> spans = new HashMap<>();

  /** A finding about {@code tool} between two statements, each at its statement's span. */
  void add(Code code, Placed later, Placed earlier, String tool, Answer laterAnswer, Answer earlierAnswer) {
    add(code, later, earlier, tool, laterAnswer, earlierAnswer, later.statement().span(), earlier.statement().span());
  }

  /** A finding about {@code tool} between two statements, at the spans given (a block's items). */
  void add(Code code, Placed later, Placed earlier, String tool, Answer laterAnswer, Answer earlierAnswer,
      Span laterSpan, Span earlierSpan) {
    Pair key = new Pair(code, later, earlier, laterAnswer, earlierAnswer);
    tools.computeIfAbsent(key, k -> new TreeSet<>(CodePoints.ORDER)).add(tool);
    spans.putIfAbsent(key, new Span[] {laterSpan, earlierSpan});
  }

  /** Every finding, once a pair, in the order found. */
  void report(Diagnostics sink) {
    for (Map.Entry<Pair, TreeSet<String>> e : tools.entrySet()) {
      sink.add(diagnostic(e.getKey(), spans.get(e.getKey()), describeTools(e.getValue())));
    }
  }

  private static Diagnostic diagnostic(Pair k, Span[] spans, String tools) {
    String first = k.firstAnswer().describe();
    String second = k.secondAnswer().describe();
    String other = TextRenderer.position(new Diagnostic.Location(k.first() == k.second()
        ? k.first().module().file() : k.second().module().file(), spans[1]));
    Diagnostic d = switch (k.code()) {
      case E401 -> Diagnostic.of(k.code(), "conflicting statements for " + tools + ": " + first
          + " here and " + second + " at " + other + " have the same specificity",
          k.first().module().file(), spans[0])
          .withHelp("remove one, or select the tool more specifically (a name beats a glob, a glob beats a class or risk)");
      case E402 -> Diagnostic.of(k.code(), "conflicting limits for " + tools + ": " + first
          + " here and " + second + " at " + other + " have the same window and specificity",
          k.first().module().file(), spans[0])
          .withHelp("keep one, or give each its own counter with 'as NAME' to apply both");
      case E403 -> Diagnostic.of(k.code(), "imported modules disagree about " + tools + ": " + first
          + " here and " + second + " at " + other, k.first().module().file(), spans[0])
          .withHelp("say what you want in the importing file: its own statements beat imported ones");
      case E404 -> Diagnostic.of(k.code(), "counter name '" + limit(k).clause().counter().orElseThrow().value()
          + "' is used twice in one block for " + tools, k.first().module().file(), spans[0]);
      case E405 -> Diagnostic.of(k.code(), "duplicate statement: " + first + " for " + tools
          + " is already stated at " + other, k.first().module().file(), spans[0]);
      case E406 -> Diagnostic.of(k.code(), "this has no effect on " + tools + ": it is " + first
          + " (at " + other + ")", k.first().module().file(), spans[0])
          .withHelp("remove these rules, or allow the tool");
      case E407 -> Diagnostic.of(k.code(), "two limits per " + limit(k).clause().window().word() + " for " + tools
          + " need 'as' names to tell their counters apart", k.first().module().file(), spans[0])
          .withHelp("add 'as NAME' to each, as in 'limit 100/minute as burst'");
      case E210 -> Diagnostic.of(k.code(), first + " cannot override 'hide *' for " + tools
          + ": 'hide *' hides every tool (at " + other + ")", k.first().module().file(), spans[0])
          .withHelp("hide tools by class, risk or glob instead of '*'");
      default -> throw new IllegalStateException("not a pair code: " + k.code());
    };
    if (!Objects.equals(k.first(), k.second()) || k.code() == Code.E404 || k.code() == Code.E407) {
      d = d.withNote(k.code() == Code.E406 ? "decided here" : "the other one", k.second().module().file(), spans[1]);
    }
    return d;
  }

  private static Answer.Limited limit(Pair k) {
    return (Answer.Limited) k.firstAnswer();
  }

  private static String describeTools(TreeSet<String> tools) {
    if (tools.size() == 1) {
      return "'" + tools.first() + "'";
    }
    List<String> shown = tools.stream().limit(5).map(t -> "'" + t + "'").toList();
    return tools.size() + " tools (" + String.join(", ", shown) + (tools.size() > 5 ? ", ..." : "") + ")";
  }
}
