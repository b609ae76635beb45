package dev.mcppolicy.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.format.Formatter;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.CounterView;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.syntax.Parser;
import dev.mcppolicy.trace.JsonRpcReader;
import dev.mcppolicy.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzz targets (Jazzer). Invariant for all: whatever the input, the answer is a
 * value or diagnostics, never an unexpected exception, a hang or unbounded memory. Where there is
 * a stronger oracle it is checked too: compiled output reads back to the same document, formatted
 * text formats to itself and compiles to the same output, counters never exceed their max.
 *
 * <p>{@code mvn verify} runs every target on its committed inputs ({@code FuzzTestsInputs/})
 * and fuzzes each for a few seconds; docs/reliability.md gives the command for long runs.
 */
class FuzzTests {
  private static final Path DIR = temp();
  private static final CompileOptions OPTIONS = CompileOptions.defaults().withRoot(DIR).withWorkingDirectory(DIR);

  private static Path temp() {
    try {
      Path dir = Files.createTempDirectory("mcppolicy-fuzz");
      Files.writeString(dir.resolve("lib.mcppolicy"), "allow lib_tool\ntool lib_tool limit 3/minute\n");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Arbitrary bytes as a policy source: parser, checker, resolver and emitter. */
  @FuzzTest
  void policySource(byte[] data) {
    checkSource(data);
  }

  /** Grammar-shaped text: sequences of the language's own tokens reach deeper than bytes do. */
  @FuzzTest
  void policySourceShaped(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder(data.consumeBoolean() ? "default deny\n" : "default allow\n");
    while (data.remainingBytes() > 0 && text.length() < 4000) {
      text.append(data.pickValue(TOKENS)).append(data.consumeBoolean() ? " " : "\n");
    }
    checkSource(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void checkSource(byte[] data) {
    CompileResult result = PolicyCompiler.compile(DIR.resolve("fuzz.mcppolicy"), data, OPTIONS);
    assertTrue(result.document().isPresent() != result.hasErrors() || result.program().isEmpty()
        || result.program().get().root().defaultDecl().isEmpty(), "a document or an error");
    result.document().ifPresent(doc -> {
      String canonical = PolicyJson.canonical(doc);
      PolicyJson.LoadResult back = PolicyJson.read(canonical);
      assertEquals(List.of(), back.problems(), canonical);
      assertEquals(canonical, PolicyJson.canonical(back.document().orElseThrow()));
    });
    Diagnostics sink = new Diagnostics();
    Parser.decode("fuzz.mcppolicy", data, sink).flatMap(source -> Formatter.format(source, sink)).ifPresent(formatted -> {
      var again = Formatter.format(new dev.mcppolicy.diag.SourceFile("fuzz.mcppolicy", formatted), new Diagnostics());
      assertEquals(Optional.of(formatted), again, "formatting twice changed the text");
      CompileResult reformatted = PolicyCompiler.compile(DIR.resolve("fuzz.mcppolicy"), formatted, OPTIONS);
      assertEquals(result.document().map(PolicyJson::canonical), reformatted.document().map(PolicyJson::canonical),
          "formatting changed what the file compiles to");
    });
  }

  /** Arbitrary text as a hand-written policy.json. */
  @FuzzTest
  void policyJson(byte[] data) {
    PolicyJson.LoadResult result = PolicyJson.read(new String(data, StandardCharsets.UTF_8));
    assertTrue(result.document().isPresent() == result.problems().isEmpty());
    result.document().ifPresent(doc -> {
      String canonical = PolicyJson.canonical(doc);
      assertEquals(canonical, PolicyJson.canonical(PolicyJson.read(canonical).document().orElseThrow()));
    });
  }

  /** Arbitrary bytes as a trace file and as a JSON-RPC log. */
  @FuzzTest
  void traces(byte[] data) throws IOException {
    try (TraceReader reader = TraceReader.of(new ByteArrayInputStream(data), "fuzz.trace.jsonl")) {
      for (var e = reader.next(); e != null; e = reader.next()) {
        assertTrue((e.record() == null) != (e.problem() == null));
      }
    }
    try (JsonRpcReader reader = JsonRpcReader.of(new ByteArrayInputStream(data), "fuzz.log", Optional.of("g"),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")))) {
      for (var e = reader.next(); e != null; e = reader.next()) {
        assertTrue((e.record() == null) != (e.problem() == null));
      }
    }
  }

  /**
   * The reused line parser (the fast path for trace lines) agrees with the careful per-line reader
   * on arbitrary bytes: when it answers, it answers the same; when the careful reader refuses a
   * line, the fast path declines it.
   */
  @FuzzTest
  void lineParser(byte[] data) {
    LineParserAgreement.check(new dev.mcppolicy.json.LineParser(), data, null);
    LineParserAgreement.check(new dev.mcppolicy.json.LineParser(), data, java.util.Set.of("a", "model"));
  }

  /** Trace lines decoded chunk-wise on the fast path: the same records and problems as the plain reader. */
  @FuzzTest
  void chunks(byte[] data) throws IOException {
    dev.mcppolicy.trace.ChunkAgreement.check(data, null);
    dev.mcppolicy.trace.ChunkAgreement.check(data, java.util.Set.of("a", "model"));
  }

  /**
   * A pattern and an argument through the regex front end: whatever the pattern, checking it never
   * builds an unbounded program (RE2/J would for {@code ((a{1000}){1000}){1000}}), and a pattern it
   * accepts matches in time linear in the argument: at most 250 µs a character beyond a fixed
   * 200 ms (about ten times what the largest accepted program costs, for instrumented code on a
   * busy machine; an exponential or quadratic engine is far past it).
   */
  @FuzzTest
  void regexes(FuzzedDataProvider data) {
    String pattern = data.consumeString(300);
    String argument = data.consumeRemainingAsString();
    if (argument.length() > 4096) {
      argument = argument.substring(0, 4096);
    }
    if (dev.mcppolicy.model.RegexCheck.check(pattern).isPresent()) {
      return;
    }
    com.google.re2j.Pattern compiled = com.google.re2j.Pattern.compile(pattern);
    long started = System.nanoTime();
    compiled.matcher(argument).find();
    compiled.matcher(argument.repeat(4)).find();
    long elapsed = System.nanoTime() - started;
    long bound = 200_000_000L + 250_000L * (5L * argument.length() + 1);
    assertTrue(elapsed <= bound, "'" + pattern + "' took " + elapsed / 1_000_000 + " ms on " + 5 * argument.length()
        + " characters");
  }

  /** Random policies and calls through the decision engine: counters never pass their max. */
  @FuzzTest
  void decisions(FuzzedDataProvider data) {
    PolicyDocument policy = policy(data);
    Simulator simulator = Simulator.of(policy, data.consumeBoolean() ? WindowMode.CALENDAR : WindowMode.SLIDING);
    long seconds = 1_700_000_000L;
    for (int i = 0; i < 64 && data.remainingBytes() > 0; i++) {
      seconds += data.consumeInt(0, 4000);
      Call call = new Call(data.pickValue(GRANTS), data.pickValue(TOOLS), Arguments.of(arguments(data)),
          Instant.ofEpochSecond(seconds, data.consumeInt(0, 999_999_999)), data.pickValue(Outcome.values()));
      Decision d = simulator.decide(call);
      for (CounterView c : d.counters()) {
        assertTrue(c.value() <= c.max(), c.toString());
      }
      assertTrue(d.verdict() != Verdict.INDETERMINATE, "full arguments are never indeterminate");
      assertEquals(d.verdict() == Verdict.ALLOW, d.rule().isEmpty());
    }
  }

  private static final String[] GRANTS = {"a", "b", "c"};
  private static final String[] TOOLS = {"t0", "t1", "t2", "t/3", "x"};
  private static final String[] KEYS = {"a", "b", "n", "s"};
  private static final String[] TOKENS = {
      "allow", "deny", "hide", "tool", "all tools", "limit", "5/minute", "10/hour", "1/day", "per grant", "as c1",
      "as c2", "{", "}", "(", ")", "[", "]", ",", ";", "require", "deny if", "message \"m\"", "args.a", "args.b.c",
      "args.\"q r\"", "==", "!=", "<", ">=", "in", "not in", "matches", "contains", "exists", "not exists", "and",
      "or", "1", "2.5", "-3", "1e3", "\"x\"", "\"(\"", "\"^a.*\"", "true", "null", "[1, \"x\"]", "{\"k\": 1}",
      "t0", "t1", "t_*", "*", "class read", "class write", "risk >= high", "catalog c {", "t0 read", "t1 write high",
      "\"desc\"", "import \"lib\"", "import \"std/servers/git\"", "import \"std/presets/recommended\"",
      "test \"x\" {", "call t0", "x 3", "expect allow", "expect deny", "rule \"(hidden)\"", "after 5m",
      "at \"2026-01-01T00:00:00Z\"", "grant \"g\"", "outcome rpc_error", "# c", "policy \"p\"", "git_status"};

  private static PolicyDocument policy(FuzzedDataProvider data) {
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    int counter = 0;
    for (String tool : TOOLS) {
      if (!data.consumeBoolean()) {
        continue;
      }
      List<Rule> require = rules(data);
      List<Rule> denyIf = rules(data);
      List<Limit> limits = new ArrayList<>();
      for (int i = data.consumeInt(0, 2); i > 0; i--) {
        limits.add(new Limit("c" + counter++, data.pickValue(Window.values()), data.consumeLong(1, 5)));
      }
      tools.put(tool, new ToolPolicy(require, denyIf, limits));
    }
    List<Limit> all = new ArrayList<>();
    for (int i = data.consumeInt(0, 2); i > 0; i--) {
      all.add(new Limit("all" + i, data.pickValue(Window.values()), data.consumeLong(1, 8)));
    }
    List<String> hide = data.consumeBoolean() ? List.of(data.pickValue(TOOLS)) : List.of();
    return new PolicyDocument(data.consumeBoolean() ? Posture.ALLOW : Posture.DENY, hide, all, tools);
  }

  private static List<Rule> rules(FuzzedDataProvider data) {
    List<Rule> rules = new ArrayList<>();
    for (int i = data.consumeInt(0, 2); i > 0; i--) {
      List<Condition> conditions = new ArrayList<>();
      for (int j = data.consumeInt(0, 2); j > 0; j--) {
        Op op = data.pickValue(Op.values());
        JsonValue value = switch (op) {
          case IN, NOT_IN -> new JsonArray(List.of(value(data), value(data)));
          case LT, LTE, GT, GTE -> new JsonNumber(Integer.toString(data.consumeInt(-5, 5)));
          case REGEX -> new JsonString(data.pickValue(new String[] {"a", "^a$", "[0-9]+", "(x|y)*z", ""}));
          case EXISTS -> new JsonBoolean(data.consumeBoolean());
          default -> value(data);
        };
        conditions.add(new Condition("args." + data.pickValue(KEYS) + (data.consumeBoolean() ? "" : ".b"), op, value));
      }
      rules.add(new Rule(conditions, data.consumeBoolean() ? Optional.of("m") : Optional.empty()));
    }
    return rules;
  }

  private static JsonObject arguments(FuzzedDataProvider data) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      m.put(data.pickValue(KEYS), data.consumeBoolean() ? value(data) : new JsonObject(Map.of("b", value(data))));
    }
    return new JsonObject(m);
  }

  private static JsonValue value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 5)) {
      case 0 -> new JsonNull();
      case 1 -> new JsonBoolean(data.consumeBoolean());
      case 2 -> new JsonNumber(data.pickValue(new String[] {"0", "5", "5.0", "-1", "1e2", "0.1000000000000000000001"}));
      case 3 -> new JsonString(data.consumeString(8));
      case 4 -> new JsonArray(List.of(new JsonNumber("3"), new JsonString("a")));
      default -> new JsonString(data.pickValue(new String[] {"a", "5", "zaz", ""}));
    };
  }
}
