package dev.mcppolicy.diff;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.report.Escapes;
import dev.mcppolicy.sim.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A diff for people (text, markdown) and programs (JSON lines), as docs/diff.md shows them. */
public final class DiffReport {
  /** Flips shown in text and markdown; JSON lines has them all. */
  public static final int SHOWN_FLIPS = 50;

  private DiffReport() {}

  /** How many changes of each effect, and how many tools they touch. */
  public record Counts(long permissive, long restrictive, long changed, long tools, long documentWide) {
    public static Counts of(List<Change> changes) {
      return new Counts(count(changes, Change.Effect.PERMISSIVE), count(changes, Change.Effect.RESTRICTIVE),
          count(changes, Change.Effect.CHANGED), changes.stream().flatMap(c -> c.tool().stream()).distinct().count(),
          changes.stream().filter(c -> c.tool().isEmpty()).count());
    }

    private static long count(List<Change> changes, Change.Effect e) {
      return changes.stream().filter(c -> c.effect() == e).count();
    }

    public long total() {
      return permissive + restrictive + changed;
    }
  }

  // ---------------------------------------------------------------- text

  public static String changesText(List<Change> changes) {
    StringBuilder out = new StringBuilder();
    for (Change c : changes) {
      out.append("  ").append(String.format(java.util.Locale.ROOT, "%-14s", "[" + c.effect().word() + "]"))
          .append(Escapes.line(c.tool().orElse("(all tools)"))).append(' ').append(c.kind()).append(": ")
          .append(Escapes.line(c.old())).append(" -> ").append(Escapes.line(c.now()));
      String sources = sources(c.oldSource(), c.newSource());
      out.append(sources.isEmpty() ? "" : " (" + sources + ")").append('\n');
    }
    return out.toString();
  }

  /** The plan line, as terraform prints one: {@code Plan: 3 changes to 2 tools: 1 permissive, 2 restrictive, 0 changed.} */
  public static String plan(List<Change> changes) {
    Counts n = Counts.of(changes);
    if (n.total() == 0) {
      return "No changes: the two policies are the same, part for part.\n";
    }
    String where = n.tools() == 0 ? "the document" : dev.mcppolicy.report.Words.plural(n.tools(), "tool")
        + (n.documentWide() > 0 ? " and the document" : "");
    return "Plan: " + dev.mcppolicy.report.Words.plural(n.total(), "change") + " to " + where + ": " + n.permissive() + " permissive, "
        + n.restrictive() + " restrictive, " + n.changed() + " changed.\n";
  }

  public static String flipText(Flip f) {
    return "  " + Escapes.line(f.trace()) + ":" + f.record().line() + " " + f.record().call().at() + " grant \""
        + Escapes.line(f.record().call().grant()) + "\" " + Escapes.line(f.record().call().tool()) + ": "
        + side(f.old(), f.oldSource()) + " -> " + side(f.now(), f.newSource()) + " [" + f.cause().word() + "]\n";
  }

  private static String side(Decision d, Optional<SourceMap.Origin> source) {
    return d.verdict().word() + (d.rule().isEmpty() ? "" : " by " + Escapes.line(d.rule())
        + source.map(o -> " at " + Escapes.line(o.toString())).orElse(""));
  }

  public static String trafficText(TrafficDiff.Summary s) {
    StringBuilder out = new StringBuilder();
    out.append("Traffic: ").append(dev.mcppolicy.report.Words.plural(s.calls(), "call")).append(", ")
        .append(dev.mcppolicy.report.Words.plural(s.flips(), "flip")).append(": ").append(s.allowToDeny())
        .append(" allow -> deny, ").append(s.denyToAllow()).append(" deny -> allow");
    if (!s.byCause().isEmpty()) {
      out.append("; by cause: ").append(joined(s.byCause(), s.byCause().size()));
    }
    out.append('\n');
    if (s.flips() > 0) {
      out.append("  by rule change: ").append(joined(s.byRuleChange(), 10)).append('\n');
      out.append("  by tool: ").append(joined(s.byTool(), 10)).append('\n');
      out.append("  by grant: ").append(joined(s.byGrant(), 10)).append('\n');
    }
    return out.toString();
  }

  /** The entries with the largest counts first (ties in key order), at most {@code most} of them. */
  private static String joined(Map<String, Long> counts, int most) {
    List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(
            dev.mcppolicy.model.CodePoints.ORDER)))
        .toList();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(most, sorted.size()); i++) {
      out.append(i == 0 ? "" : ", ").append(Escapes.line(sorted.get(i).getKey())).append(' ').append(sorted.get(i).getValue());
    }
    if (sorted.size() > most) {
      out.append(", and ").append(sorted.size() - most).append(" more");
    }
    return out.toString();
  }

  private static String sources(Optional<SourceMap.Origin> old, Optional<SourceMap.Origin> now) {
    String a = old.map(o -> "old " + Escapes.line(o.toString())).orElse("");
    String b = now.map(o -> "new " + Escapes.line(o.toString())).orElse("");
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }

  // ---------------------------------------------------------------- JSON lines

  public static String changeJson(Change c) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("tool", c.tool().<JsonValue>map(JsonString::new).orElse(new JsonNull()));
    m.put("kind", new JsonString(c.kind()));
    m.put("class", new JsonString(c.effect().word()));
    m.put("old", new JsonString(c.old()));
    m.put("new", new JsonString(c.now()));
    m.put("old_source", source(c.oldSource()));
    m.put("new_source", source(c.newSource()));
    return JsonWriter.jcsOrdered(new JsonObject(Map.of("change", new JsonObject(m))));
  }

  /**
   * A flip's JSON line, written straight into text (a diff of millions of calls may write hundreds
   * of thousands); TrafficDiffTest checks it against the same object built as a {@link JsonObject}.
   */
  public static String flipJson(Flip f) {
    StringBuilder out = new StringBuilder(400).append("{\"flip\":{\"trace\":");
    JsonWriter.writeString(f.trace(), out);
    out.append(",\"line\":").append(f.record().line()).append(",\"ts\":\"");
    dev.mcppolicy.time.Instants.format(f.record().call().at(), out);
    out.append("\",\"grant\":");
    JsonWriter.writeString(f.record().call().grant(), out);
    out.append(",\"tool\":");
    JsonWriter.writeString(f.record().call().tool(), out);
    out.append(",\"old\":");
    decision(f.old(), f.oldSource(), out);
    out.append(",\"new\":");
    decision(f.now(), f.newSource(), out);
    return out.append(",\"cause\":\"").append(f.cause().word()).append("\"}}").toString();
  }

  private static void decision(Decision d, Optional<SourceMap.Origin> source, StringBuilder out) {
    out.append("{\"decision\":\"").append(d.verdict().word()).append("\",\"rule\":");
    JsonWriter.writeString(d.rule(), out);
    out.append(",\"message\":");
    JsonWriter.writeString(d.message(), out);
    out.append(",\"source\":");
    if (source.isPresent()) {
      JsonWriter.writeString(source.get().toString(), out);
    } else {
      out.append("null");
    }
    out.append('}');
  }

  public static String summaryJson(List<Change> changes, Optional<TrafficDiff.Summary> traffic) {
    Counts n = Counts.of(changes);
    Map<String, JsonValue> counts = new LinkedHashMap<>();
    counts.put("permissive", JsonNumber.of(n.permissive()));
    counts.put("restrictive", JsonNumber.of(n.restrictive()));
    counts.put("changed", JsonNumber.of(n.changed()));
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("calls", JsonNumber.of(traffic.map(TrafficDiff.Summary::calls).orElse(0L)));
    m.put("flips", JsonNumber.of(traffic.map(TrafficDiff.Summary::flips).orElse(0L)));
    m.put("allow_to_deny", JsonNumber.of(traffic.map(TrafficDiff.Summary::allowToDeny).orElse(0L)));
    m.put("deny_to_allow", JsonNumber.of(traffic.map(TrafficDiff.Summary::denyToAllow).orElse(0L)));
    m.put("changes", new JsonObject(counts));
    m.put("tools_changed", JsonNumber.of(n.tools()));
    traffic.ifPresent(t -> {
      m.put("by_cause", counts(t.byCause()));
      m.put("by_rule_change", counts(t.byRuleChange()));
      m.put("by_tool", counts(t.byTool()));
      m.put("by_grant", counts(t.byGrant()));
    });
    return JsonWriter.jcsOrdered(new JsonObject(Map.of("summary", new JsonObject(m))));
  }

  private static JsonValue counts(Map<String, Long> counts) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    new java.util.TreeMap<>(counts).forEach((k, v) -> m.put(k, JsonNumber.of(v)));
    return new JsonObject(m);
  }

  private static JsonValue source(Optional<SourceMap.Origin> o) {
    return o.<JsonValue>map(x -> new JsonString(x.toString())).orElse(new JsonNull());
  }

  // ---------------------------------------------------------------- markdown

  /** For a pull-request comment: the plan, a table of changes, the traffic summary and the first flips. */
  public static String markdown(List<Change> changes, Optional<TrafficDiff.Summary> traffic, List<Flip> firstFlips) {
    Counts n = Counts.of(changes);
    StringBuilder out = new StringBuilder("### mcppolicy diff\n\n");
    out.append("| | permissive | restrictive | changed | tools |\n|---|---:|---:|---:|---:|\n");
    out.append("| changes | ").append(n.permissive()).append(" | ").append(n.restrictive()).append(" | ").append(n.changed())
        .append(" | ").append(n.tools()).append(" |\n");
    traffic.ifPresent(t -> out.append("\n**Traffic:** ").append(t.calls()).append(" calls, ").append(t.flips())
        .append(" flips (").append(t.allowToDeny()).append(" allow → deny, ").append(t.denyToAllow()).append(" deny → allow)\n"));
    if (!changes.isEmpty()) {
      out.append("\n| effect | tool | kind | old | new | source |\n|---|---|---|---|---|---|\n");
      for (Change c : changes) {
        out.append("| ").append(c.effect().word()).append(" | ").append(cell(c.tool().orElse("(all tools)"))).append(" | ")
            .append(c.kind()).append(" | ").append(cell(c.old())).append(" | ").append(cell(c.now())).append(" | ")
            .append(cell(sources(c.oldSource(), c.newSource()))).append(" |\n");
      }
    }
    if (!firstFlips.isEmpty()) {
      out.append("\n| call | tool | grant | old | new | cause |\n|---|---|---|---|---|---|\n");
      for (Flip f : firstFlips) {
        out.append("| ").append(cell(f.trace() + ":" + f.record().line())).append(" | ").append(cell(f.record().call().tool()))
            .append(" | ").append(cell(f.record().call().grant())).append(" | ").append(cell(side(f.old(), f.oldSource())))
            .append(" | ").append(cell(side(f.now(), f.newSource()))).append(" | ").append(f.cause().word()).append(" |\n");
      }
      long more = traffic.map(TrafficDiff.Summary::flips).orElse(0L) - firstFlips.size();
      if (more > 0) {
        out.append("\n").append(more).append(" more flips: see `diff.jsonl`.\n");
      }
    }
    return out.toString();
  }

  /** Text in a table cell: escaped, with its pipes and backticks made harmless. */
  private static String cell(String s) {
    return "`" + Escapes.line(s).replace("`", "'").replace("|", "\\|") + "`";
  }
}
