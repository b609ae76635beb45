package dev.mcppolicy.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** import: a policy.json becomes source that compiles back to its canonical form, byte for byte. */
class PolicyImportTest {
  private static final Path WHERE = Path.of("target/import-test/imported.mcppolicy");

  private static void roundTrips(PolicyDocument document, String what) {
    PolicyImport.Result r = PolicyImport.checked(document, what, WHERE);
    assertEquals(List.of(), r.problems(), what + "\n" + PolicyImport.of(document, what).source().orElse(""));
    assertTrue(r.source().isPresent(), what);
  }

  /** Every golden case's and every sample's policy.json. */
  @TestFactory
  Stream<DynamicTest> everyCommittedPolicyJsonRoundTrips() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> cases = Files.walk(Path.of("src/test/resources/cases"))) {
      cases.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    try (Stream<Path> samples = Files.walk(Path.of("../samples"))) {
      samples.filter(p -> p.getFileName().toString().equals("policy.json")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 20, files.toString());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      PolicyJson.LoadResult loaded = PolicyJson.read(Files.readAllBytes(f));
      roundTrips(loaded.document().orElseThrow(() -> new AssertionError(loaded.problems())), f.toString());
    }));
  }

  /**
   * Every golden case's and sample's policy.json whose source can see a catalog, imported bound to
   * it: the stdlib catalog it imports, or the catalogs it declares, written to a file of their own.
   */
  @TestFactory
  Stream<DynamicTest> everyCommittedPolicyJsonRoundTripsWithItsCatalog() throws Exception {
    Map<Path, Path> sources = new java.util.TreeMap<>();
    try (Stream<Path> cases = Files.walk(Path.of("src/test/resources/cases"))) {
      cases.filter(p -> p.toString().endsWith(".json")).forEach(json ->
          sources.put(json, json.resolveSibling(json.getFileName().toString().replace(".json", ".mcppolicy"))));
    }
    try (Stream<Path> samples = Files.walk(Path.of("../samples"))) {
      samples.filter(p -> p.getFileName().toString().equals("policy.json")).forEach(json ->
          sources.put(json, json.resolveSibling("policy.mcppolicy")));
    }
    Map<Path, String> catalogs = new java.util.TreeMap<>();
    for (Map.Entry<Path, Path> e : sources.entrySet()) {
      catalogOf(e.getValue()).ifPresent(catalog -> catalogs.put(e.getKey(), catalog));
    }
    assertTrue(catalogs.size() >= 15, catalogs.toString());
    return catalogs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " with " + e.getValue(), () -> {
      PolicyJson.LoadResult loaded = PolicyJson.read(Files.readAllBytes(e.getKey()));
      SelectorRecoveryTest.importedRoundTrips(loaded.document().orElseThrow(), e.getKey().toString(), e.getValue());
    }));
  }

  /** The stdlib server {@code source} imports, or a file with the catalogs it declares; empty when it sees none. */
  private static Optional<String> catalogOf(Path source) throws Exception {
    Optional<String> server = SelectorRecoveryTest.serverOf(source);
    if (server.isPresent()) {
      return server;
    }
    dev.mcppolicy.compiler.CompileResult compiled = dev.mcppolicy.compiler.PolicyCompiler.compile(source,
        dev.mcppolicy.compiler.CompileOptions.defaults().withWorkingDirectory(source.toAbsolutePath().getParent()));
    StringBuilder out = new StringBuilder();
    java.util.Set<String> declared = new java.util.HashSet<>(); // the first declaration of a tool counts
    compiled.program().orElseThrow().modules().forEach(m -> m.catalogs().forEach(c -> {
      out.append("catalog ").append(c.id().value()).append(" {\n");
      c.entries().stream().filter(entry -> declared.add(entry.name().value())).forEach(entry -> out.append("  ")
          .append(PolicyImport.quoted(entry.name().value())).append(' ')
          .append(entry.toolClass().word()).append(' ').append(entry.effectiveRisk().word()).append('\n'));
      out.append("}\n");
    }));
    if (out.isEmpty()) {
      return Optional.empty();
    }
    Path file = WHERE.resolveSibling("catalogs/" + source.getFileName().toString());
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
    return Optional.of(file.toString());
  }

  /** Generated documents: every op and value type, odd tool and counter names, counters the compiler would and would not name. */
  @Property(tries = 200)
  void generatedDocumentsRoundTrip(@ForAll long seed) {
    Random random = new Random(seed);
    PolicyDocument document = document(random);
    // the generator makes only documents the loader accepts, as a policy.json would be
    PolicyJson.LoadResult loaded = PolicyJson.read(PolicyJson.canonical(document).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(List.of(), loaded.problems(), "seed " + seed);
    roundTrips(loaded.document().get(), "seed " + seed);
  }

  @Test
  void whatNoStatementEmitsIsAProblemAtItsPath() {
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    tools.put("a", new ToolPolicy(List.of(), List.of(), List.of(new Limit("shared", Window.MINUTE, 1))));
    tools.put("b", new ToolPolicy(List.of(), List.of(new Rule(List.of(), Optional.empty()),
        new Rule(List.of(new Condition("args.x", Op.EQ, JsonNumber.of(1))), Optional.empty())), List.of(new Limit("shared", Window.HOUR, 1))));
    PolicyImport.Result r = PolicyImport.of(new PolicyDocument(Posture.DENY, List.of("a"), List.of(), tools), "p.json");
    assertEquals(List.of(
        "$.tools.a: the tool is also hidden; hiding wins, so no statement emits its rules",
        "$.tools.b.deny_if[0]: an entry without conditions beside other rules: only 'deny TOOL' emits one, alone",
        "$.tools.b.limits[0]: the counter 'shared' is also used at $.tools.a.limits[0]; the language gives each counter one owner"),
        r.problems());
  }

  private static final String[] NAMES = {"read", "odoo_search", "github__get_me", "weird name!", "a-b.c", "tool", "limit", "x_rate"};

  private static PolicyDocument document(Random random) {
    List<String> hide = new ArrayList<>();
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    List<String> counters = new ArrayList<>();
    for (String name : NAMES) {
      switch (random.nextInt(5)) {
        case 0 -> hide.add(name);
        case 1 -> tools.put(name, ToolPolicy.EMPTY);
        case 2 -> tools.put(name, new ToolPolicy(List.of(), List.of(new Rule(List.of(),
            random.nextBoolean() ? Optional.empty() : Optional.of("no \"" + name + "\"\n"))), List.of()));
        case 3 -> tools.put(name, new ToolPolicy(rules(random, 2), rules(random, 3), limits(random, name, counters)));
        default -> { }
      }
    }
    List<Limit> all = new ArrayList<>();
    if (random.nextBoolean()) {
      all.add(new Limit(random.nextBoolean() ? "calls_per_hour" : "budget", Window.HOUR, 1 + random.nextInt(1000)));
    }
    if (random.nextBoolean()) {
      all.add(new Limit("calls_per_day", Window.DAY, 1 + random.nextInt(10_000)));
    }
    if (!hide.isEmpty() && random.nextInt(6) == 0) {
      hide = List.of("*");
      tools.clear();
    }
    return new PolicyDocument(random.nextBoolean() ? Posture.DENY : Posture.ALLOW, hide, all, tools);
  }

  private static List<Rule> rules(Random random, int most) {
    List<Rule> out = new ArrayList<>();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      List<Condition> conditions = new ArrayList<>();
      for (int j = 1 + random.nextInt(3); j > 0; j--) {
        conditions.add(condition(random));
      }
      out.add(new Rule(conditions, random.nextBoolean() ? Optional.empty() : Optional.of("message " + i)));
    }
    return out;
  }

  private static final String[] PATHS = {"args.model", "args.ids", "args.headers.content-type", "args.a.b.c", "args.limit"};

  private static Condition condition(Random random) {
    String path = PATHS[random.nextInt(PATHS.length)];
    return switch (random.nextInt(11)) {
      case 0 -> new Condition(path, Op.EQ, literal(random));
      case 1 -> new Condition(path, Op.NEQ, literal(random));
      case 2 -> new Condition(path, Op.LT, new JsonNumber("-1.5"));
      case 3 -> new Condition(path, Op.LTE, JsonNumber.of(random.nextInt(100)));
      case 4 -> new Condition(path, Op.GT, new JsonNumber("1e3"));
      case 5 -> new Condition(path, Op.GTE, JsonNumber.of(0));
      case 6 -> new Condition(path, Op.IN, new JsonArray(List.of(new JsonString("a"), JsonNumber.of(2))));
      case 7 -> new Condition(path, Op.NOT_IN, new JsonArray(List.of(new JsonString("res.users"))));
      case 8 -> new Condition(path, Op.REGEX, new JsonString("^(ir|base)\\."));
      case 9 -> new Condition(path, Op.CONTAINS, literal(random));
      default -> new Condition(path, Op.EXISTS, new JsonBoolean(random.nextBoolean()));
    };
  }

  private static JsonValue literal(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> new JsonString("caf\u00e9 \"quoted\"");
      case 1 -> JsonNumber.of(random.nextInt(1000));
      case 2 -> new JsonBoolean(random.nextBoolean());
      case 3 -> new JsonNull();
      case 4 -> new JsonArray(List.of(JsonNumber.of(1), new JsonString("x")));
      default -> new JsonObject(Map.of("k", new JsonString("v")));
    };
  }

  private static List<Limit> limits(Random random, String tool, List<String> counters) {
    List<Limit> out = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Window w = i == 0 ? Window.MINUTE : Window.HOUR;
      String counter = switch (random.nextInt(3)) {
        case 0 -> n == 1 ? tool + "_rate" : tool + "_rate_" + w.word();
        case 1 -> tool + "-custom-" + i;
        default -> "weird counter " + tool + i;
      };
      if (!counters.contains(counter)) {
        counters.add(counter);
        out.add(new Limit(counter, w, 1 + random.nextInt(100)));
      }
    }
    return out;
  }
}
