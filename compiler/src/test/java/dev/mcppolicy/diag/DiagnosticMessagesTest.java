package dev.mcppolicy.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the message of every diagnostic code: one row per code with the smallest input that
 * triggers it and the exact first line the user sees. A code without a row fails the build.
 */
class DiagnosticMessagesTest {
  @TempDir
  Path dir;

  /** A table row: the code, the expected header line, and files (main.mcppolicy is compiled). */
  record Row(Code code, String expected, Map<String, Object> files) {}

  static Row row(Code code, String expected, Object... namesAndContents) {
    Map<String, Object> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.put((String) namesAndContents[i], namesAndContents[i + 1]);
    }
    return new Row(code, expected, files);
  }

  static String main(String text) {
    return text;
  }

  static final List<Row> ROWS = rows();

  private static List<Row> rows() {
    List<Row> r = new ArrayList<>();
    String d = "default deny\n";
    r.add(row(Code.E001, "main.mcppolicy:2:9: error[E001]: unexpected character '@'", "main.mcppolicy", d + "allow a @ b\n"));
    r.add(row(Code.E002, "main.mcppolicy:2:16: error[E002]: unterminated string: a string ends with '\"' on the same line",
        "main.mcppolicy", d + "deny a message \"oops\n"));
    r.add(row(Code.E003, "main.mcppolicy:2:21: error[E003]: invalid escape '\\q' (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)",
        "main.mcppolicy", d + "deny a message \"bad \\q\"\n"));
    r.add(row(Code.E004, "main.mcppolicy:2:17: error[E004]: expected a window (minute, hour or day) after '/', found end of file",
        "main.mcppolicy", d + "tool a limit 10/"));
    r.add(row(Code.E005, "main.mcppolicy:2:7: error[E005]: invalid UTF-8 byte 0xff; a policy must be UTF-8 text",
        "main.mcppolicy", new byte[] {'d', 'e', 'f', 'a', 'u', 'l', 't', ' ', 'd', 'e', 'n', 'y', '\n', 'a', 'l', 'l', 'o', 'w', ' ', (byte) 0xff}));
    r.add(row(Code.E006, "main.mcppolicy:1:1: error[E006]: file is 1048577 bytes; the limit is 1048576 bytes",
        "main.mcppolicy", "#".repeat((1 << 20) + 1)));
    r.add(row(Code.E007, "main.mcppolicy:2:81: error[E007]: brackets are nested more than 64 levels deep",
        "main.mcppolicy", d + "tool t { deny if " + "(".repeat(70) + "args.a == 1" + ")".repeat(70) + " }\n"));
    r.add(row(Code.E008, "error[E008]: main.mcppolicy: 50 more problems are not shown (at most 100 a file): mend these and run again",
        "main.mcppolicy", d + "@".repeat(150) + "\n"));
    r.add(row(Code.E101, "main.mcppolicy:1:1: error[E101]: main.mcppolicy has no 'default', so it is a module: it can be imported, not compiled on its own",
        "main.mcppolicy", "allow a\n"));
    r.add(row(Code.E102, "main.mcppolicy:2:1: error[E102]: 'default' is declared twice", "main.mcppolicy", d + "default allow\n"));
    r.add(row(Code.E103, "main.mcppolicy:3:1: error[E103]: imports come before the statements of a file",
        "main.mcppolicy", d + "allow a\nimport \"lib\"\n", "lib.mcppolicy", "allow b\n"));
    r.add(row(Code.E104, "main.mcppolicy:2:8: error[E104]: cannot find module \"libb\" (looked for libb.mcppolicy)",
        "main.mcppolicy", d + "import \"libb\"\n", "lib.mcppolicy", "allow b\n"));
    r.add(row(Code.E105, "main.mcppolicy:2:8: error[E105]: import \"../x\" leaves the project root", "main.mcppolicy", d + "import \"../x\"\n"));
    r.add(row(Code.E106, "a.mcppolicy:1:8: error[E106]: import cycle: main.mcppolicy -> a.mcppolicy -> main.mcppolicy",
        "main.mcppolicy", d + "import \"a\"\n", "a.mcppolicy", "import \"main\"\n"));
    r.add(row(Code.E107, "error[E107]: cannot read missing.mcppolicy: no such file or folder"));
    r.add(row(Code.E108, "main.mcppolicy:1:9: error[E108]: default must be 'allow' or 'deny', not 'alow'", "main.mcppolicy", "default alow\n"));
    Object[] chain = new Object[2 * 35];
    chain[0] = "main.mcppolicy";
    chain[1] = d + "import \"m1\"\n";
    for (int i = 1; i < 35; i++) {
      chain[2 * i] = "m" + i + ".mcppolicy";
      chain[2 * i + 1] = "import \"m" + (i + 1) + "\"\n";
    }
    r.add(row(Code.E109, "m32.mcppolicy:1:8: error[E109]: imports are nested more than 32 levels deep", chain));
    r.add(row(Code.E201, "main.mcppolicy:2:7: error[E201]: 'class read' needs a catalog to expand against, and none is imported",
        "main.mcppolicy", d + "allow class read\n"));
    r.add(row(Code.E202, "main.mcppolicy:2:7: error[E202]: '*' selects every tool and is allowed only in 'hide *'",
        "main.mcppolicy", d + "allow *\n"));
    r.add(row(Code.E203, "main.mcppolicy:3:6: error[E203]: unknown tool 'odoo_serch'",
        "main.mcppolicy", d + "import \"std/servers/odoo-claude-mcp\"\ntool odoo_serch limit 10/minute per grant\n"));
    r.add(row(Code.E204, "main.mcppolicy:3:7: warning[E204]: the glob 'nothing_*' matches no tool in the catalog",
        "main.mcppolicy", d + "import \"std/servers/git\"\nallow nothing_*\n"));
    r.add(row(Code.E205, "main.mcppolicy:2:13: error[E205]: unknown class 'reed' (read, write, execute or destructive)",
        "main.mcppolicy", d + "allow class reed\n"));
    r.add(row(Code.E206, "main.mcppolicy:2:14: error[E206]: unknown risk level 'huge' (low, medium, high or critical)",
        "main.mcppolicy", d + "hide risk >= huge\n"));
    r.add(row(Code.E207, "main.mcppolicy:2:11: error[E207]: risk levels compare with ==, <, <=, > or >=, not '!='",
        "main.mcppolicy", d + "hide risk != low\n"));
    r.add(row(Code.E208, "main.mcppolicy:2:21: error[E208]: tool 'a' is listed twice in catalog 'c'",
        "main.mcppolicy", d + "catalog c { a read; a write }\n"));
    r.add(row(Code.E209, "main.mcppolicy:3:13: warning[E209]: tool 'a' is declared again with class write and risk medium; the first declaration (read, low) is used",
        "main.mcppolicy", d + "catalog c { a read }\ncatalog e { a write }\n"));
    r.add(row(Code.E210, "main.mcppolicy:3:1: error[E210]: 'allow' cannot override 'hide *' for 'a': 'hide *' hides every tool (at main.mcppolicy:2:1)",
        "main.mcppolicy", d + "hide *\nallow a\n"));
    r.add(row(Code.E211, "main.mcppolicy:4:17: warning[E211]: unknown tool 'git_stauts': no catalog the policy imports lists it",
        "main.mcppolicy", d + "import \"std/servers/git\"\nallow git_status\ntest \"t\" { call git_stauts expect deny }\n"));
    r.add(row(Code.E212, "main.mcppolicy:2:1: error[E212]: a tool named '*' cannot be hidden: policy.json's 'hide' reads \"*\" "
        + "as every tool, so the gateway would hide them all", "main.mcppolicy", d + "hide \"*\"\n"));
    r.add(row(Code.E213, "main.mcppolicy:2:1: error[E213]: ' ' cannot be hidden: a hidden tool's name cannot be empty or blank "
        + "(the engine refuses such a policy)", "main.mcppolicy", d + "hide \" \"\n"));
    String pay = "catalog pay { refund write args { payment_intent string required, amount integer } }\n";
    r.add(row(Code.E214, "main.mcppolicy:2:51: error[E214]: argument 'amount' is listed twice for tool 'refund'",
        "main.mcppolicy", d + "catalog pay { refund write args { amount integer, amount number } }\n"));
    r.add(row(Code.E215, "main.mcppolicy:2:42: error[E215]: unknown argument type 'int' (string, number, integer, boolean, "
        + "object, array, null or any)", "main.mcppolicy", d + "catalog pay { refund write args { amount int } }\n"));
    r.add(row(Code.E216, "main.mcppolicy:4:23: warning[E216]: tool 'refund' takes no argument 'amout'",
        "main.mcppolicy", d + pay + "allow refund\ntool refund { deny if args.amout > 100 }\n"));
    r.add(row(Code.E217, "main.mcppolicy:4:23: warning[E217]: 'matches' applies to strings, but argument 'amount' of tool "
        + "'refund' is an integer", "main.mcppolicy", d + pay + "allow refund\ntool refund { deny if args.amount matches \"^1\" }\n"));
    String two = "catalog c { a write; b write }\n";
    r.add(row(Code.E701, "main.mcppolicy:3:10: warning[E701]: the conditions on args.n admit no number: this 'deny if' of tool 'a' "
        + "never fires", "main.mcppolicy", d + two + "tool a { deny if args.n > 5 and args.n < 3 }\n"));
    r.add(row(Code.E702, "main.mcppolicy:3:30: warning[E702]: this 'deny if args.n > 9' of tool 'a' never decides: every call it "
        + "would deny, the earlier 'deny if args.n > 5' denies first", "main.mcppolicy",
        d + two + "tool a { deny if args.n > 5; deny if args.n > 9 }\n"));
    r.add(row(Code.E703, "main.mcppolicy:4:1: warning[E703]: these rules never decide: every tool they select is hidden or denied "
        + "(2 tools), as 'a' is hidden", "main.mcppolicy", d + two + "hide class write\ntool class write limit 5/minute\n"));
    r.add(row(Code.E704, "main.mcppolicy:3:8: warning[E704]: the limit 10/minute of tool 'a' can never bind: 5/hour (calls_per_hour) "
        + "allows no more calls over a longer window", "main.mcppolicy", d + two + "tool a limit 10/minute\nall tools limit 5/hour\n"));
    r.add(row(Code.E705, "main.mcppolicy:3:1: warning[E705]: tool 'x' (execute) is allowed with no limit and no condition",
        "main.mcppolicy", d + "catalog c { x execute }\nallow x\n"));
    r.add(row(Code.E706, "main.mcppolicy:3:10: warning[E706]: 'args.m in []' never holds: no value is in an empty list",
        "main.mcppolicy", d + two + "tool a { deny if args.m in [] }\n"));
    r.add(row(Code.E707, "main.mcppolicy:3:6: warning[E707]: under 'default allow', this hide selects by class: it hides the tools "
        + "the catalog lists today, and a tool the server adds later is allowed", "main.mcppolicy",
        "default allow\n" + two + "hide class write\n"));
    r.add(row(Code.E708, "main.mcppolicy:3:10: warning[E708]: 'args.n == 9007199254740993': the gateway compares numbers as doubles, "
        + "and 9007199254740993 is 9007199254740992 as a double", "main.mcppolicy",
        d + two + "tool a { deny if args.n == 9007199254740993 }\n"));
    r.add(row(Code.E301, "main.mcppolicy:2:14: error[E301]: a limit count must be a whole number from 1 to 9223372036854775807, not 0",
        "main.mcppolicy", d + "tool a limit 0/minute\n"));
    r.add(row(Code.E302, "main.mcppolicy:2:17: error[E302]: unknown window 'hours': a limit counts per minute, hour or day",
        "main.mcppolicy", d + "tool a limit 10/hours\n"));
    r.add(row(Code.E303, "main.mcppolicy:2:28: error[E303]: unsupported scope 'user': policy.json v1 counts per grant only",
        "main.mcppolicy", d + "tool a limit 10/minute per user\n"));
    r.add(row(Code.E304, "main.mcppolicy:2:18: error[E304]: 'or' is not allowed in 'require': a require entry holds when all its conditions hold",
        "main.mcppolicy", d + "tool a { require args.x exists or args.y exists }\n"));
    r.add(row(Code.E305, "main.mcppolicy:2:35: error[E305]: invalid RE2 pattern: missing closing )",
        "main.mcppolicy", d + "tool a { deny if args.q matches \"x(\" }\n"));
    r.add(row(Code.E306, "main.mcppolicy:2:27: error[E306]: '>' compares numbers, but \"5\" is a string",
        "main.mcppolicy", d + "tool a { deny if args.n > \"5\" }\n"));
    r.add(row(Code.E307, "main.mcppolicy:2:28: error[E307]: 'in' needs a list, but \"x\" is a string",
        "main.mcppolicy", d + "tool a { deny if args.c in \"x\" }\n"));
    r.add(row(Code.E308, "main.mcppolicy:2:33: error[E308]: 'matches' needs a pattern string, but 1 is a number",
        "main.mcppolicy", d + "tool a { deny if args.c matches 1 }\n"));
    r.add(row(Code.E309, "main.mcppolicy:2:25: error[E309]: 'not matches' is not supported: policy.json has no negated 'matches' (only 'not in' and 'not exists')",
        "main.mcppolicy", d + "tool a { deny if args.c not matches \"x\" }\n"));
    r.add(row(Code.E310, "main.mcppolicy:2:18: error[E310]: an argument path starts with 'args.', as in 'args.amount'",
        "main.mcppolicy", d + "tool a { deny if amount > 5 }\n"));
    r.add(row(Code.E311, "main.mcppolicy:2:28: error[E311]: number 1e2000 is out of range (its exponent is beyond 1000)",
        "main.mcppolicy", d + "tool a { deny if args.n == 1e2000 }\n"));
    r.add(row(Code.E312, "main.mcppolicy:2:37: error[E312]: duplicate key \"k\" in an object",
        "main.mcppolicy", d + "tool a { deny if args.o == {\"k\": 1, \"k\": 2} }\n"));
    StringBuilder big = new StringBuilder("tool a { deny if ");
    for (int i = 0; i < 7; i++) {
      big.append(i > 0 ? " and " : "").append("(args.a").append(i).append(" == 1 or args.b").append(i).append(" == 2)");
    }
    r.add(row(Code.E313, "main.mcppolicy:2:18: error[E313]: this condition expands to more than 64 'deny if' entries",
        "main.mcppolicy", d + big + " }\n"));
    r.add(row(Code.E314, "main.mcppolicy:4:1: error[E314]: the compiled policy would have 118,114,000 bytes of JSON, "
        + "51,005,136 more than the 67,108,864 a policy may have; this statement adds 118,114,000 (59,057 for each of the "
        + "2,000 tools it selects)",
        "main.mcppolicy", d + wideCatalog(2000) + "allow t*\ntool t* { deny if args.a in " + bigList(2000) + " }\n"));
    r.add(row(Code.E401, "main.mcppolicy:3:1: error[E401]: conflicting statements for 'a': 'hide' here and 'allow' at main.mcppolicy:2:1 have the same specificity",
        "main.mcppolicy", d + "allow a\nhide a\n"));
    r.add(row(Code.E402, "main.mcppolicy:3:8: error[E402]: conflicting limits for 'a': 'limit 2/minute' here and 'limit 1/minute' at main.mcppolicy:2:8 have the same window and specificity",
        "main.mcppolicy", d + "tool a limit 1/minute\ntool a limit 2/minute\n"));
    r.add(row(Code.E403, "h.mcppolicy:1:1: error[E403]: imported modules disagree about 'a': 'hide' here and 'allow' at g.mcppolicy:1:1",
        "main.mcppolicy", d + "import \"g\"\nimport \"h\"\n", "g.mcppolicy", "allow a\n", "h.mcppolicy", "hide a\n"));
    r.add(row(Code.E404, "main.mcppolicy:3:24: error[E404]: counter 'n' is used by both 'a' and 'b'; counters must be unique",
        "main.mcppolicy", d + "tool a limit 1/minute as n\ntool b limit 1/hour as n\n"));
    r.add(row(Code.E405, "main.mcppolicy:3:1: warning[E405]: duplicate statement: 'allow' for 'a' is already stated at main.mcppolicy:2:1",
        "main.mcppolicy", d + "allow a\nallow a\n"));
    r.add(row(Code.E406, "main.mcppolicy:3:1: warning[E406]: this has no effect on 'a': it is hidden (at main.mcppolicy:2:1)",
        "main.mcppolicy", d + "hide a\ntool a limit 1/minute\n"));
    r.add(row(Code.E407, "main.mcppolicy:2:26: error[E407]: two limits per minute for 'a' need 'as' names to tell their counters apart",
        "main.mcppolicy", d + "tool a { limit 1/minute; limit 2/minute }\n"));
    r.add(row(Code.E501, "main.mcppolicy:2:15: error[E501]: invalid instant \"tomorrow\": write an RFC 3339 instant with seconds and a zone, as in \"2026-11-21T10:00:00Z\"",
        "main.mcppolicy", d + "test \"t\" { at \"tomorrow\" }\n"));
    r.add(row(Code.E502, "main.mcppolicy:2:18: error[E502]: duration '99999999999999999d' is too long",
        "main.mcppolicy", d + "test \"t\" { after 99999999999999999d }\n"));
    r.add(row(Code.E503, "main.mcppolicy:2:21: error[E503]: 'x' repeats a call 1 to 1000000 times, not 0",
        "main.mcppolicy", d + "test \"t\" { call a x 0 expect allow }\n"));
    r.add(row(Code.E504, "main.mcppolicy:2:27: error[E504]: unknown outcome 'boom' (ok, tool_error or rpc_error)",
        "main.mcppolicy", d + "test \"t\" { call a outcome boom expect allow }\n"));
    r.add(row(Code.E505, "main.mcppolicy:2:26: error[E505]: expect 'allow' or 'deny', not 'yes'",
        "main.mcppolicy", d + "test \"t\" { call a expect yes }\n"));
    r.add(row(Code.E506, "main.mcppolicy:3:6: error[E506]: a test named \"t\" already exists in this file",
        "main.mcppolicy", d + "test \"t\" { }\ntest \"t\" { }\n"));
    return r;
  }

  /** A catalog of n tools t0 to t(n-1), on one line. */
  static String wideCatalog(int n) {
    StringBuilder out = new StringBuilder("catalog wide {");
    for (int i = 0; i < n; i++) {
      out.append(" t").append(i).append(" read;");
    }
    return out.append(" }\n").toString();
  }

  /** A list literal of n strings. */
  static String bigList(int n) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ", ").append("\"value-").append(i).append('"');
    }
    return out.append(']').toString();
  }

  @TestFactory
  Stream<DynamicTest> everyCodeHasItsMessage() {
    return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.code().name(), () -> {
      Path base = Files.createTempDirectory(dir, row.code().name());
      for (Map.Entry<String, Object> f : row.files().entrySet()) {
        byte[] bytes = f.getValue() instanceof byte[] b ? b : ((String) f.getValue()).getBytes(StandardCharsets.UTF_8);
        Files.write(base.resolve(f.getKey()), bytes);
      }
      Path compiled = base.resolve(row.files().isEmpty() ? "missing.mcppolicy" : "main.mcppolicy");
      CompileOptions options = CompileOptions.defaults().withRoot(base).withWorkingDirectory(base);
      CompileResult result = PolicyCompiler.compile(compiled, options);
      List<String> headers = result.diagnostics().stream().filter(x -> x.code() == row.code())
          .map(x -> new TextRenderer(false).render(x).lines().findFirst().orElse("")).toList();
      assertTrue(!headers.isEmpty(), "no " + row.code() + " among: " + result.diagnostics());
      assertEquals(row.expected(), headers.get(0));
    }));
  }

  /** Codes of a run (E6xx) have no place in a source; the CLI's tests pin them (CliTest.everyRunCodeHasItsMessage). */
  static final Set<Code> RUN_CODES = EnumSet.of(Code.E601, Code.E602, Code.E603, Code.E604);

  @Test
  void everyCodeHasARow() {
    Set<Code> covered = ROWS.stream().map(Row::code).collect(Collectors.toCollection(() -> EnumSet.noneOf(Code.class)));
    covered.addAll(RUN_CODES);
    assertEquals(EnumSet.allOf(Code.class), covered, "codes without a row in the table");
  }

  @Test
  void codesAreUniqueAndWellFormed() throws IOException {
    for (Code c : Code.values()) {
      assertTrue(c.name().matches("E[0-9]{3}"), c.name());
      assertTrue(!c.title().isBlank());
    }
  }
}
