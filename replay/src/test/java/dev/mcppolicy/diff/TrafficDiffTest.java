package dev.mcppolicy.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.Replayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Flips on recorded traffic: which calls flip, and why (rule, limit, cascade). */
class TrafficDiffTest {
  private static final String TRACE_HEAD = "{\"trace\": {\"version\": 1, \"grant\": \"g\"}}\n";

  private static String call(String ts, String tool, String args) {
    return "{\"ts\": \"2026-11-23T09:00:" + ts + "Z\", \"tool\": \"" + tool + "\", \"arguments\": " + args + "}\n";
  }

  /** Each flip as {@code LINE TOOL: OLD -> NEW [CAUSE]}. */
  private static List<String> flips(String oldPolicy, String newPolicy, String trace) throws Exception {
    Path dir = Files.createTempDirectory("diff");
    try {
      TrafficDiff.Policy a = policy(dir, "old.mcppolicy", oldPolicy);
      TrafficDiff.Policy b = policy(dir, "new.mcppolicy", newPolicy);
      Path file = Files.writeString(dir.resolve("t.trace.jsonl"), trace);
      List<String> out = new ArrayList<>();
      TrafficDiff.run(a, b, "t", stage -> () -> ParallelTraceReader.open(file, "t", stage), WindowMode.CALENDAR, f -> {
        out.add(f.record().line() + " " + f.record().call().tool() + ": " + word(f.old()) + " -> " + word(f.now())
            + " [" + f.cause().word() + "]");
        // the JSON line written straight into text is the object the format describes
        assertEquals(flipJsonReference(f), DiffReport.flipJson(f));
      });
      return out;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A flip's JSON line built as an object, then written: what DiffReport.flipJson must write straight into text. */
  private static String flipJsonReference(Flip f) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("trace", new JsonString(f.trace()));
    m.put("line", JsonNumber.of(f.record().line()));
    m.put("ts", new JsonString(f.record().call().at().toString()));
    m.put("grant", new JsonString(f.record().call().grant()));
    m.put("tool", new JsonString(f.record().call().tool()));
    m.put("old", decisionJson(f.old(), f.oldSource()));
    m.put("new", decisionJson(f.now(), f.newSource()));
    m.put("cause", new JsonString(f.cause().word()));
    return JsonWriter.jcsOrdered(new JsonObject(Map.of("flip", new JsonObject(m))));
  }

  private static JsonValue decisionJson(Decision d, Optional<SourceMap.Origin> source) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("decision", new JsonString(d.verdict().word()));
    m.put("rule", new JsonString(d.rule()));
    m.put("message", new JsonString(d.message()));
    m.put("source", source.<JsonValue>map(o -> new JsonString(o.toString())).orElse(new JsonNull()));
    return new JsonObject(m);
  }

  private static String word(Decision d) {
    return d.verdict().word() + (d.rule().isEmpty() ? "" : " " + d.rule()) + (d.message().isEmpty() ? "" : " \"" + d.message() + "\"");
  }

  private static TrafficDiff.Policy policy(Path dir, String name, String text) throws Exception {
    CompileResult r = PolicyCompiler.compile(Files.writeString(dir.resolve(name), text),
        CompileOptions.defaults().withWorkingDirectory(dir));
    return new TrafficDiff.Policy(r.document().orElseThrow(() -> new AssertionError(r.diagnostics())), r.sourceMap());
  }

  @Test
  void aRuleThatNowDecidesIsTheCause() throws Exception {
    assertEquals(List.of("3 pay: allow -> deny /tools/pay/deny_if/0 \"Denied by rule \"/tools/pay/deny_if/0\"\" [rule]"),
        flips("default deny\nallow pay\n", "default deny\nallow pay\ntool pay {\n  deny if args.n > 5\n}\n",
            TRACE_HEAD + call("00", "pay", "{\"n\": 1}") + call("01", "pay", "{\"n\": 9}")));
  }

  @Test
  void aRaisedLimitIsTheCauseAndTheCallItLetsThroughCascades() throws Exception {
    String old = "default deny\nallow a, b\ntool a limit 1/minute\nall tools limit 2/minute\n";
    String now = old.replace("1/minute", "2/minute");
    String trace = TRACE_HEAD + call("00", "a", "{}") + call("01", "a", "{}") + call("02", "b", "{}");
    // old: a allowed, a denied by its own limit (denied calls never count), b allowed as the second call;
    // new: both a calls allowed, so b is the third call of the minute and the all-tools limit is full
    assertEquals(List.of(
        "3 a: deny /tools/a/limits/a_rate \"Rate limit of 1 per minute reached. Try again later.\" -> allow [limit]",
        "4 b: allow -> deny /all_tools/limits/calls_per_minute \"Rate limit of 2 per minute reached. Try again later.\" [cascade]"),
        flips(old, now, trace));
  }

  @Test
  void aFlipThatIsOnlyAMessageChange() throws Exception {
    assertEquals(List.of("2 pay: deny /tools/pay/deny_if/0 \"too big\" -> deny /tools/pay/deny_if/0 \"far too big\" [rule]"),
        flips("default deny\ntool pay {\n  deny if args.n > 5 message \"too big\"\n}\n",
            "default deny\ntool pay {\n  deny if args.n > 5 message \"far too big\"\n}\n",
            TRACE_HEAD + call("00", "pay", "{\"n\": 9}")));
  }

  @Test
  void aLimitOnlyOnePolicyHasIsTheCause() throws Exception {
    assertEquals(List.of("3 a: allow -> deny /tools/a/limits/a_rate \"Rate limit of 1 per minute reached. Try again later.\" [limit]"),
        flips("default deny\nallow a\n", "default deny\nallow a\ntool a limit 1/minute\n",
            TRACE_HEAD + call("00", "a", "{}") + call("01", "a", "{}")));
  }

  /**
   * For generated policies and traces: a policy against itself flips nothing and changes nothing;
   * the flips of A against B are exactly the calls where separate replays of A and B decide differently.
   */
  @Property(tries = 60)
  void flipsAreExactlyTheCallsSeparateReplaysDecideDifferently(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    PolicyDocument a = policy(random);
    PolicyDocument b = policy(random);
    Path dir = Files.createTempDirectory("diff");
    try {
      StringBuilder trace = new StringBuilder(TRACE_HEAD);
      java.time.Instant at = java.time.Instant.parse("2026-11-23T09:00:00Z");
      for (int i = 0; i < 80; i++) {
        at = at.plusSeconds(random.nextInt(30));
        trace.append("{\"ts\": \"").append(at).append("\", \"grant\": \"g").append(random.nextInt(2)).append("\", \"tool\": \"")
            .append("abcd".charAt(random.nextInt(4))).append("\", \"arguments\": {\"n\": ").append(random.nextInt(12)).append("}}\n");
      }
      Path file = Files.writeString(dir.resolve("t.trace.jsonl"), trace);
      assertEquals(List.of(), StaticDiff.between(a, SourceMap.empty(), a, SourceMap.empty()));
      assertEquals(List.of(), flipLines(a, a, file));
      List<String> expected = new ArrayList<>();
      List<Decision> decidedByA = replay(a, file);
      List<Decision> decidedByB = replay(b, file);
      for (int i = 0; i < decidedByA.size(); i++) {
        Decision x = decidedByA.get(i);
        Decision y = decidedByB.get(i);
        if (x.verdict() != y.verdict() || !x.rule().equals(y.rule()) || !x.message().equals(y.message())) {
          expected.add((i + 2) + " " + x.verdict().word() + " " + x.rule() + " -> " + y.verdict().word() + " " + y.rule());
        }
      }
      assertEquals(expected, flipLines(a, b, file), "seed " + seed);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<String> flipLines(PolicyDocument a, PolicyDocument b, Path file) throws Exception {
    List<String> out = new ArrayList<>();
    TrafficDiff.run(new TrafficDiff.Policy(a, SourceMap.empty()), new TrafficDiff.Policy(b, SourceMap.empty()), "t",
        stage -> () -> ParallelTraceReader.open(file, "t", stage), WindowMode.CALENDAR,
        f -> out.add(f.record().line() + " " + f.old().verdict().word() + " " + f.old().rule() + " -> "
            + f.now().verdict().word() + " " + f.now().rule()));
    return out;
  }

  private static List<Decision> replay(PolicyDocument p, Path file) throws Exception {
    List<Decision> out = new ArrayList<>();
    Simulator s = Simulator.of(p, WindowMode.CALENDAR);
    Replayer.replay(() -> ParallelTraceReader.open(file, "t", Replayer.preparing(s)), s, Replayer.Options.DEFAULT,
        (r, d, m) -> out.add(d));
    return out;
  }

  private static PolicyDocument policy(Random random) {
    List<String> hide = new ArrayList<>();
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    for (String tool : List.of("a", "b", "c", "d")) {
      int kind = random.nextInt(5);
      if (kind == 0) {
        hide.add(tool);
      } else if (kind > 1) {
        List<Rule> denyIf = random.nextBoolean() ? List.of()
            : List.of(new Rule(List.of(new Condition("args.n", Op.GT, JsonNumber.of(random.nextInt(12)))), Optional.empty()));
        List<Limit> limits = random.nextBoolean() ? List.of() : List.of(new Limit(tool + "_rate", Window.MINUTE, 1 + random.nextInt(4)));
        tools.put(tool, new ToolPolicy(List.of(), denyIf, limits));
      }
    }
    List<Limit> all = random.nextBoolean() ? List.of(new Limit("calls_per_minute", Window.MINUTE, 2 + random.nextInt(5))) : List.of();
    return new PolicyDocument(random.nextBoolean() ? Posture.DENY : Posture.ALLOW, hide, all, tools);
  }
}
