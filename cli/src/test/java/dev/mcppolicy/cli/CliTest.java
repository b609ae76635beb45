package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract (docs/cli.md): outputs, streams and exit codes. */
class CliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static final String RECOMMENDED = """
      {
        "version": "1",
        "default": "deny",
        "tools": {
          "oca_link": {
            "limits": [
              {
                "counter": "oca_link_rate",
                "window": "minute",
                "max": 10,
                "scope": "grant"
              }
            ]
          }
        }
      }
      """;

  Path good;
  Path bad;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve(".git")); // the project root
    good = write("good.mcppolicy", "default deny\ntool oca_link limit 10/minute per grant\n");
    bad = write("bad.mcppolicy", "default deny\ntool oca_link limit 10/minutes per grant\n");
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void compilePrintsTheCanonicalDocumentAndNothingElse() {
    Run r = run("compile", good.toString());
    assertEquals(new Run(0, RECOMMENDED, ""), r);
  }

  @Test
  void compileWritesAtomicallyAndAFailedCompileLeavesTheOutputUntouched() throws Exception {
    Path out = dir.resolve("out/policy.json");
    assertEquals(0, run("compile", good.toString(), "-o", out.toString()).code());
    assertEquals(RECOMMENDED, Files.readString(out));
    Run failed = run("compile", bad.toString(), "-o", out.toString(), "--color", "never");
    assertEquals(1, failed.code());
    assertEquals("", failed.out());
    assertTrue(failed.err().contains("error[E302]: unknown window 'minutes'"), failed.err());
    assertTrue(failed.err().contains("could not compile"), failed.err());
    assertEquals(RECOMMENDED, Files.readString(out), "a failed compile must not touch the output");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of("policy.json"), files.map(p -> p.getFileName().toString()).toList(), "no temporary files left");
    }
  }

  @Test
  void jcsPrintsTheRfc8785Form() {
    Run r = run("compile", "--jcs", good.toString());
    assertEquals(0, r.code());
    assertEquals("{\"default\":\"deny\",\"tools\":{\"oca_link\":{\"limits\":[{\"counter\":\"oca_link_rate\",\"max\":10,"
        + "\"scope\":\"grant\",\"window\":\"minute\"}]}},\"version\":\"1\"}", r.out());
  }

  @Test
  void unreadableInputIsExitTwoWithoutAStackTrace() {
    Run missing = run("compile", dir.resolve("nope.mcppolicy").toString());
    assertEquals(2, missing.code());
    assertEquals("", missing.out());
    assertTrue(missing.err().contains("cannot read") && missing.err().contains("no such file"), missing.err());
    assertFalse(missing.err().contains("Exception"), missing.err());
    Run directory = run("compile", dir.toString());
    assertEquals(2, directory.code());
    assertTrue(directory.err().contains("it is a directory"), directory.err());
  }

  @Test
  void badUsageIsExitTwo() {
    assertEquals(2, run().code());
    assertEquals(2, run("compile").code());
    assertEquals(2, run("compile", "--no-such-option", good.toString()).code());
    assertEquals(2, run("frobnicate").code());
    assertEquals(2, run("compile", "--diagnostics", "xml", good.toString()).code());
  }

  @Test
  void checkReportsEveryFileWithASummary() throws Exception {
    Path module = write("module.mcppolicy", "allow a\n");
    Run ok = run("check", good.toString(), module.toString());
    assertEquals(0, ok.code());
    assertEquals("", ok.out());
    assertTrue(ok.err().contains("checked 2 files: 0 errors, 0 warnings"), ok.err());
    Run failing = run("check", "--color=never", good.toString(), bad.toString());
    assertEquals(1, failing.code());
    assertTrue(failing.err().contains("checked 2 files: 1 error, 0 warnings"), failing.err());
  }

  @Test
  void anUnknownToolInABoundPolicyIsAnErrorWithTheNearestName() throws Exception {
    Path typo = write("typo.mcppolicy", "default deny\nimport \"std/servers/odoo-claude-mcp\"\ntool odoo_serch limit 10/minute per grant\n");
    Run r = run("compile", "--color=never", typo.toString());
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("""
        typo.mcppolicy:3:6: error[E203]: unknown tool 'odoo_serch'
            3 | tool odoo_serch limit 10/minute per grant
              |      ^^^^^^^^^^
           help: did you mean 'odoo_search'? To declare a tool the server has but its catalog lacks, import a local \
        catalog beside the server's: catalog extra_tools { odoo_serch write }
        """), r.err());
  }

  @Test
  void aToolTheCatalogLacksIsDeclaredInALocalCatalog() throws Exception {
    write("extra-tools.mcppolicy", "catalog extra_tools { list_issue_types read }\n");
    Path policy = write("p.mcppolicy", "default deny\nimport \"std/servers/github-mcp-server\"\nimport \"extra-tools\"\n"
        + "allow list_issue_types\n");
    Run r = run("compile", "--color=never", policy.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"list_issue_types\": {}"), r.out());
  }

  @Test
  void aPolicyWithoutDefaultIsAnErrorNotAModule() throws Exception {
    Path named = write("team-b.mcppolicy", "policy \"team-b\"\nallow a\n");
    Run r = run("check", "--color=never", named.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("team-b.mcppolicy:1:1: error[E101]: policy \"team-b\" has no 'default'"), r.err());
    assertTrue(r.err().contains("checked 1 file: 1 error, 0 warnings"), r.err());
  }

  @Test
  void aTraceRecordOfAToolNoCatalogListsIsAWarningAtItsFirstLine() throws Exception {
    Path policy = write("git.mcppolicy", "default deny\nimport \"std/servers/git\"\nallow git_status\n");
    Path trace = write("day.trace.jsonl", """
        {"ts": "2026-11-21T10:00:00Z", "grant": "ci", "tool": "git_status", "expect": "allow"}
        {"ts": "2026-11-21T10:00:01Z", "grant": "ci", "tool": "git_stauts", "expect": "deny"}
        {"ts": "2026-11-21T10:00:02Z", "grant": "ci", "tool": "git_stauts", "expect": "deny"}
        """);
    Run r = run("replay", "--color=never", "--policy", policy.toString(), trace.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("""
        day.trace.jsonl:2:1: warning[E211]: unknown tool 'git_stauts': no catalog the policy imports lists it
           help: did you mean 'git_status'?
        """), r.err());
    assertEquals(1, r.err().split("E211", -1).length - 1, "one warning per tool: " + r.err());
  }

  @Test
  void strictTurnsWarningsIntoErrors() throws Exception {
    Path empty = write("empty.mcppolicy", "default deny\nimport \"std/servers/odoo-claude-mcp\"\nallow odoo_nothing_*\n");
    Run lenient = run("compile", "--color=never", empty.toString());
    assertEquals(0, lenient.code());
    assertTrue(lenient.err().contains("warning[E204]: the glob 'odoo_nothing_*' matches no tool in the catalog"), lenient.err());
    Run strict = run("compile", "--strict", "--color=never", empty.toString());
    assertEquals(1, strict.code());
    assertEquals("", strict.out());
    assertTrue(strict.err().contains("error[E204]: the glob 'odoo_nothing_*' matches no tool in the catalog"), strict.err());
  }

  @Test
  void diagnosticsAsJsonAndSarif() throws Exception {
    Run json = run("check", "--diagnostics", "json", bad.toString());
    assertEquals(1, json.code());
    var parsed = JsonReader.read(json.err());
    assertTrue(json.err().contains("\"code\": \"E302\""), json.err());
    assertTrue(json.err().contains("\"line\": 2"), json.err());
    assertTrue(parsed.root() != null);
    Run sarif = run("check", "--diagnostics", "sarif", bad.toString());
    assertEquals(1, sarif.code());
    JsonReader.read(sarif.err());
    assertTrue(sarif.err().contains("\"version\": \"2.1.0\""), sarif.err());
    assertTrue(sarif.err().contains("\"ruleId\": \"E302\""), sarif.err());
    assertTrue(sarif.err().contains("\"startLine\": 2"), sarif.err());
  }

  /** With json or sarif, stderr is exactly one document, whatever the command met: no summaries, no loose lines. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "compile GOOD", "compile BAD", "compile MISSING", "compile GOOD -o GOOD", "check GOOD BAD", "fmt --check MESSY",
      "replay --policy GOOD TRACE", "replay --policy GOOD MISSING TRACE", "test DIR", "verify DIR", "test EMPTY",
      "test --run nothing DIR", "explain --policy GOOD --tool oca_link", "explain --policy GOOD TRACE9",
      "explain --policy BAD --tool oca_link", "diff GOOD GOOD --traces TRACE", "diff GOOD BAD", "diff GOOD GOOD --traces MISSING",
      "import MISSING", "catalog MISSING"})
  void everyCommandPrintsOneDocumentOnStderr(String command) throws Exception {
    write("messy.mcppolicy", "default   deny\n");
    write("day.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"oca_link\"}\n"
        + "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"oca_link\", \"expect\": \"deny\"}\n");
    Files.createDirectories(dir.resolve("empty"));
    for (String format : List.of("json", "sarif")) {
      List<String> args = new java.util.ArrayList<>();
      for (String word : command.split(" ")) {
        args.add(switch (word) {
          case "GOOD" -> good.toString();
          case "BAD" -> bad.toString();
          case "MISSING" -> dir.resolve("missing.mcppolicy").toString();
          case "MESSY" -> dir.resolve("messy.mcppolicy").toString();
          case "TRACE" -> dir.resolve("day.trace.jsonl").toString();
          case "TRACE9" -> dir.resolve("day.trace.jsonl") + ":9";
          case "DIR" -> dir.toString();
          case "EMPTY" -> dir.resolve("empty").toString();
          default -> word;
        });
      }
      args.addAll(List.of("--diagnostics", format));
      Run r = run(args.toArray(String[]::new));
      var root = JsonReader.read(r.err()).root(); // the whole of stderr is one JSON value
      assertTrue(r.err().startsWith("{") && r.err().endsWith("}\n"), r.err());
      if (r.code() == 2 && format.equals("json")) { // exit 1 may be a failed expectation: a result, on stdout
        assertTrue(r.err().contains("\"severity\": \"error\""), command + " failed with no error in the document: " + r.err());
      }
      assertTrue(root != null);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "E601 | replay --policy GOOD MISSING | cannot read MISSING: no such file",
      "E602 | test EMPTY | nothing to test: no test block and no trace with expectations under EMPTY (searched 1 folder, "
          + "found 0 policies, 0 test files and 0 traces)",
      "E603 | compile GOOD -o GOOD | refusing to write GOOD: it is GOOD, an input of this compile",
      "E604 | replay --policy GOOD TRACE | TRACE: warning: line 2 is earlier than the line before it: the trace is not in "
          + "timestamp order, so it was replayed sorted"})
  void everyRunCodeHasItsMessage(String code, String command, String message) throws Exception {
    Path trace = write("day.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"oca_link\"}\n"
        + "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"oca_link\"}\n");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    java.util.Map<String, String> words = java.util.Map.of("GOOD", good.toString(), "MISSING",
        dir.resolve("missing.mcppolicy").toString(), "EMPTY", empty.toString(), "TRACE", trace.toString());
    List<String> args = new java.util.ArrayList<>();
    for (String word : command.split(" ")) {
      args.add(words.getOrDefault(word, word));
    }
    args.addAll(List.of("--diagnostics", "json"));
    Run r = run(args.toArray(String[]::new));
    String expected = message;
    for (var w : words.entrySet()) {
      expected = expected.replace(w.getKey(), w.getValue());
    }
    JsonObject first = (JsonObject) ((dev.mcppolicy.json.JsonArray) ((JsonObject) JsonReader.read(r.err()).root())
        .members().get("diagnostics")).elements().get(0);
    assertEquals(code, ((dev.mcppolicy.json.JsonString) first.members().get("code")).value(), r.err());
    assertEquals(expected, ((dev.mcppolicy.json.JsonString) first.members().get("message")).value());
  }

  /**
   * A bad trace line is one diagnostic (E601) located at its file and line: printed {@code FILE:LINE:
   * reason} in text, as traces.md asks, and with its place in JSON and SARIF.
   */
  @Test
  void aBadTraceLineIsALocatedDiagnosticInEveryFormat() throws Exception {
    Path trace = write("bad.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"oca_link\"}\n"
        + "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\"}\n");
    Run text = run("replay", "--policy", good.toString(), trace.toString());
    assertEquals(2, text.code());
    assertEquals(trace + ":2: 'tool' is missing", text.err().lines().findFirst().orElseThrow());
    Run json = run("replay", "--policy", good.toString(), trace.toString(), "--diagnostics", "json");
    assertEquals(2, json.code());
    JsonObject first = (JsonObject) ((dev.mcppolicy.json.JsonArray) ((JsonObject) JsonReader.read(json.err()).root())
        .members().get("diagnostics")).elements().get(0);
    assertEquals("E601", ((dev.mcppolicy.json.JsonString) first.get("code")).value());
    assertEquals("'tool' is missing", ((dev.mcppolicy.json.JsonString) first.get("message")).value());
    assertEquals(trace.toString(), ((dev.mcppolicy.json.JsonString) first.get("file")).value());
    assertEquals("2", ((dev.mcppolicy.json.JsonNumber) first.get("line")).text());
    Run sarif = run("replay", "--policy", good.toString(), trace.toString(), "--diagnostics", "sarif");
    assertTrue(sarif.err().contains("\"ruleId\": \"E601\"") && sarif.err().contains("\"startLine\": 2"), sarif.err());
  }

  @Test
  void aLoneSurrogateInATraceIsWrittenAsAnEscapeInJsonLines() throws Exception {
    Path trace = write("s.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"a\\ud800\"}\n");
    Run r = run("replay", "--policy", good.toString(), trace.toString(), "--format", "jsonl");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"tool\":\"a\\ud800\""), r.out());
    JsonObject line = (JsonObject) JsonReader.read(r.out().strip()).root();
    assertEquals("a\ud800", ((dev.mcppolicy.json.JsonString) line.members().get("tool")).value(), "reads back the same");
  }

  @Test
  void controlCharactersFromATraceAreShownEscapedInTheTextReport() throws Exception {
    // a tool name that would clear the screen and forge a passing line
    Path trace = write("evil.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\\r\", "
        + "\"tool\": \"x\\u001b[2J\\nPASS forged.trace.jsonl: 1 expectation\", \"expect\": \"allow\"}\n");
    Run r = run("replay", "--policy", good.toString(), trace.toString());
    assertEquals(1, r.code(), r.err());
    assertFalse(r.out().contains("\u001b") || r.out().contains("\r"), r.out());
    assertFalse(r.out().lines().anyMatch(l -> l.startsWith("PASS")), r.out());
    assertTrue(r.out().contains("call: x\\u001b[2J\\nPASS forged.trace.jsonl: 1 expectation at "), r.out());
    assertTrue(r.out().contains("grant \"g\\r\""), r.out());
  }

  @Test
  void updatingExpectationsKeepsEveryEscapeAndChangesOnlyExpect() throws Exception {
    String before = "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"caf\\u00e9\", \"tool\": \"oca_link\\ud800\", "
        + "\"arguments\": {\"q\": \"\\u001b\\/\"}, \"expect\": \"allow\"}\n";
    Path trace = write("u.trace.jsonl", before);
    Run r = run("replay", "--policy", good.toString(), trace.toString(), "--update-expectations");
    assertEquals(0, r.code(), r.err());
    assertEquals(before.replace("\"expect\": \"allow\"", "\"expect\": {\"decision\": \"deny\", \"rule\": \"(default deny)\", "
        + "\"message\": \"Tool \\\"oca_link\\ud800\\\" is not permitted by policy\"}"), Files.readString(trace));
  }

  @Test
  void aCleanRunPrintsAnEmptyDocument() {
    Run r = run("compile", "--diagnostics", "json", good.toString());
    assertEquals(0, r.code());
    assertEquals("{\n  \"diagnostics\": []\n}\n", r.err());
  }

  @Test
  void colorOnlyWhenAsked() {
    assertTrue(run("check", "--color", "always", bad.toString()).err().contains("\u001b["));
    assertFalse(run("check", "--color", "never", bad.toString()).err().contains("\u001b["));
  }

  @Test
  void fmtRewritesAndCheckListsWithoutWriting() throws Exception {
    Path messy = write("messy.mcppolicy", "default   deny\nallow a,b\n");
    Run check = run("fmt", "--check", messy.toString(), good.toString());
    assertEquals(1, check.code());
    assertEquals(messy.toString().replace('\\', '/') + "\n", check.out());
    assertEquals("default   deny\nallow a,b\n", Files.readString(messy), "--check changes nothing");
    assertEquals(0, run("fmt", messy.toString()).code());
    assertEquals("default deny\nallow a, b\n", Files.readString(messy));
    assertEquals(0, run("fmt", "--check", messy.toString()).code());
  }

  @Test
  void fmtLeavesAFileWithErrorsAlone() throws Exception {
    String before = Files.readString(bad);
    Run r = run("fmt", "--color=never", bad.toString());
    assertEquals(1, r.code());
    assertEquals(before, Files.readString(bad));
    assertTrue(r.err().contains("error[E302]"), r.err());
  }

  @Test
  void rootSetsWhereImportsMayReach() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project/policies"));
    Files.writeString(dir.resolve("project/common.mcppolicy"), "allow search\n");
    Path policy = Files.writeString(project.resolve("p.mcppolicy"), "default deny\nimport \"../common\"\n");
    // the nearest .git is dir itself, so the import is inside the default root
    assertEquals(0, run("compile", policy.toString()).code());
    Run confined = run("compile", "--color=never", "--root", project.toString(), policy.toString());
    assertEquals(1, confined.code());
    assertTrue(confined.err().contains("error[E105]: import \"../common\" leaves the project root"), confined.err());
  }

  @Test
  void versionAndHelp() {
    Run version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("mcppolicy \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
    Run help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("compile") && help.out().contains("check") && help.out().contains("fmt"), help.out());
    assertTrue(help.out().contains("Exit codes"), help.out());
    Run commandHelp = run("help", "compile");
    assertEquals(0, commandHelp.code());
    assertTrue(commandHelp.out().contains("--jcs"), commandHelp.out());
  }

  /** Main's table of commands is written out by hand, to spare reading every annotation on every run. */
  @Test
  void theCommandTableNamesEachCommandAsItsAnnotationDoes() {
    Main.COMMANDS.forEach((name, command) ->
        assertEquals(command.getAnnotation(picocli.CommandLine.Command.class).name(), name, command.getName()));
  }

  /**
   * picocli is built from its sources with this project's release (cli/pom.xml): its published
   * Java 5 class files cannot go into the launcher's class-data archive and are slow to verify.
   */
  @Test
  void picocliIsBuiltAsJava17ClassFilesSoThatTheLauncherCanArchiveThem() throws java.io.IOException {
    try (var in = picocli.CommandLine.class.getResourceAsStream("CommandLine.class")) {
      byte[] header = in.readNBytes(8);
      assertEquals(61, (header[6] & 0xFF) << 8 | header[7] & 0xFF, "class file major version of picocli.CommandLine");
    }
  }

  /** A run that names a command builds only that command's model; help and typos still see every command. */
  @Test
  void everyCommandIsListedAndReachable() {
    Run help = run("--help");
    java.util.List<String> listed = help.out().lines()
        .dropWhile(l -> !l.equals("Commands:")).skip(1)
        .takeWhile(l -> !l.isEmpty())
        .filter(l -> l.startsWith("  ") && !l.startsWith("    "))
        .map(l -> l.trim().split(" ")[0])
        .toList();
    assertEquals(java.util.List.of("compile", "check", "fmt", "replay", "explain", "diff", "import", "catalog", "test", "verify", "help"), listed, help.out());
    for (String command : listed) {
      Run own = run(command, "--help");
      assertEquals(0, own.code(), command + ": " + own.err());
      assertTrue(own.out().contains("Usage: mcppolicy " + command + " "), own.out());
    }
    Run typo = run("compil", "x.mcppolicy");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("Did you mean: mcppolicy compile"), typo.err());
    Run none = run();
    assertEquals(2, none.code());
    assertTrue(none.err().contains("a command is required"), none.err());
  }
}
