package dev.mcppolicy.report;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An {@link Explanation} for people (text) and for programs (JSON), each step with its source line. */
public final class ExplanationReport {
  /** Values longer than this are cut in the text form (the JSON form keeps them whole). */
  static final int SHOWN = 200;

  private ExplanationReport() {}

  public static String text(Explanation e, SourceMap sources) {
    StringBuilder out = new StringBuilder();
    out.append("call: ").append(Escapes.line(e.call().tool())).append(" at ").append(e.call().at())
        .append(", grant \"").append(Escapes.line(e.call().grant())).append("\"\n");
    out.append("arguments: ").append(arguments(e.call().arguments())).append('\n');
    String tool = e.call().tool();
    out.append(switch (e.standing()) {
      case HIDDEN -> "hidden: yes, by " + where(sources.decidedBy("(hidden)", tool)) + "\n";
      case NOT_PERMITTED -> "hidden: no\nin tools: no, and the default is deny (" + where(sources.decidedBy("(default deny)", tool)) + ")\n";
      case LISTED -> "hidden: no\nin tools: yes\n";
      case UNLISTED -> "hidden: no\nin tools: no, and the default is allow: only the all-tools limits apply\n";
    });
    for (Explanation.RuleStep r : e.require()) {
      rule(out, "require", r, r.holds() == Explanation.Answer.TRUE ? "holds" : r.holds() == Explanation.Answer.FALSE
          ? "does not hold: the call is denied" : "cannot be decided", sources);
    }
    for (Explanation.RuleStep r : e.denyIf()) {
      rule(out, "deny_if", r, r.holds() == Explanation.Answer.TRUE ? "holds: the call is denied"
          : r.holds() == Explanation.Answer.FALSE ? "does not hold" : "cannot be decided", sources);
    }
    boolean full = false;
    for (Explanation.LimitStep l : e.limits()) {
      boolean room = l.before() + 1 <= l.max();
      out.append("limit ").append(Escapes.line(l.rule())).append(" (").append(where(sources.rule(l.rule()))).append("): ")
          .append(Escapes.line(l.counter())).append(" at ").append(l.before()).append(" of ").append(l.max()).append(" per ")
          .append(l.window().word()).append(" since ").append(l.windowStart()).append(": ")
          .append(room ? "room for this call" : full ? "full" : "full: the call is denied").append('\n');
      full |= !room;
    }
    Decision d = e.decision();
    out.append("decision: ").append(d.verdict().word()).append('\n');
    if (!d.rule().isEmpty()) {
      out.append("rule: ").append(Escapes.line(d.rule())).append('\n');
      sources.decidedBy(d.rule(), tool).ifPresent(o -> out.append("source: ").append(Escapes.line(o.toString())).append('\n'));
    }
    if (!d.message().isEmpty()) {
      out.append("message: ").append(Escapes.line(d.message())).append('\n');
    }
    return out.toString();
  }

  private static void rule(StringBuilder out, String kind, Explanation.RuleStep r, String result, SourceMap sources) {
    out.append(kind).append(' ').append(Escapes.line(r.rule())).append(" (").append(where(sources.rule(r.rule())))
        .append("): ").append(result).append('\n');
    if (r.conditions().isEmpty()) {
      out.append("  (no conditions: it always holds)\n");
    }
    for (Explanation.ConditionStep c : r.conditions()) {
      out.append("  ").append(Escapes.line(c.path())).append(' ')
          .append(!c.known() ? "(not recorded)" : c.value().map(v -> "= " + shown(JsonWriter.inline(v))).orElse("is absent"))
          .append("; ").append(c.op().word()).append(' ').append(shown(JsonWriter.inline(c.literal()))).append(": ")
          .append(c.result().name().toLowerCase(Locale.ROOT)).append('\n');
    }
  }

  private static String where(Optional<SourceMap.Origin> origin) {
    return origin.map(o -> Escapes.line(o.toString())).orElse("no source");
  }

  private static String arguments(Arguments a) {
    return a instanceof Arguments.Known k ? shown(JsonWriter.inline(k.object()))
        : "only the keys " + Escapes.line(String.join(", ", ((Arguments.KeysOnly) a).keys().stream().sorted().toList()));
  }

  private static String shown(String text) {
    String safe = Escapes.line(text);
    return safe.length() <= SHOWN ? safe : safe.substring(0, SHOWN) + "... (" + safe.length() + " characters)";
  }

  /** The JSON form: the call, the standing, each step with its source, and the decision. */
  public static JsonValue json(Explanation e, SourceMap sources) {
    String tool = e.call().tool();
    Map<String, JsonValue> call = new LinkedHashMap<>();
    call.put("ts", new JsonString(e.call().at().toString()));
    call.put("grant", new JsonString(e.call().grant()));
    call.put("tool", new JsonString(tool));
    if (e.call().arguments() instanceof Arguments.Known k) {
      call.put("arguments", k.object());
    } else {
      call.put("argument_keys", new JsonArray(((Arguments.KeysOnly) e.call().arguments()).keys().stream().sorted()
          .map(s -> (JsonValue) new JsonString(s)).toList()));
    }
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("call", new JsonObject(call));
    m.put("standing", new JsonString(e.standing().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    m.put("require", rules(e.require(), sources));
    m.put("deny_if", rules(e.denyIf(), sources));
    List<JsonValue> limits = new ArrayList<>();
    for (Explanation.LimitStep l : e.limits()) {
      Map<String, JsonValue> lm = new LinkedHashMap<>();
      lm.put("rule", new JsonString(l.rule()));
      source(lm, sources.rule(l.rule()));
      lm.put("counter", new JsonString(l.counter()));
      lm.put("window", new JsonString(l.window().word()));
      lm.put("max", JsonNumber.of(l.max()));
      lm.put("from", new JsonString(l.windowStart().toString()));
      lm.put("before", JsonNumber.of(l.before()));
      limits.add(new JsonObject(lm));
    }
    m.put("limits", new JsonArray(limits));
    Decision d = e.decision();
    Map<String, JsonValue> dm = new LinkedHashMap<>();
    dm.put("decision", new JsonString(d.verdict().word()));
    dm.put("rule", new JsonString(d.rule()));
    if (!d.rule().isEmpty()) {
      source(dm, sources.decidedBy(d.rule(), tool));
    }
    dm.put("message", new JsonString(d.message()));
    m.put("decision", new JsonObject(dm));
    return new JsonObject(m);
  }

  private static JsonValue rules(List<Explanation.RuleStep> steps, SourceMap sources) {
    List<JsonValue> out = new ArrayList<>();
    for (Explanation.RuleStep r : steps) {
      Map<String, JsonValue> rm = new LinkedHashMap<>();
      rm.put("rule", new JsonString(r.rule()));
      source(rm, sources.rule(r.rule()));
      List<JsonValue> conditions = new ArrayList<>();
      for (Explanation.ConditionStep c : r.conditions()) {
        Map<String, JsonValue> cm = new LinkedHashMap<>();
        cm.put("path", new JsonString(c.path()));
        if (c.known()) {
          cm.put("absent", new JsonBoolean(c.value().isEmpty()));
          c.value().ifPresent(v -> cm.put("value", v));
        }
        cm.put("op", new JsonString(c.op().word()));
        cm.put("literal", c.literal());
        cm.put("result", answer(c.result()));
        conditions.add(new JsonObject(cm));
      }
      rm.put("conditions", new JsonArray(conditions));
      rm.put("holds", answer(r.holds()));
      out.add(new JsonObject(rm));
    }
    return new JsonArray(out);
  }

  private static JsonValue answer(Explanation.Answer a) {
    return a == Explanation.Answer.UNKNOWN ? new JsonString("unknown") : new JsonBoolean(a == Explanation.Answer.TRUE);
  }

  private static void source(Map<String, JsonValue> m, Optional<SourceMap.Origin> origin) {
    origin.ifPresent(o -> m.put("source", new JsonString(o.toString())));
  }
}
