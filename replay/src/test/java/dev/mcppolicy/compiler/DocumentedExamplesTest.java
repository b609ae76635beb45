package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.TextRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policies shown in the README and the language reference compile as shown. */
class DocumentedExamplesTest {
  @TempDir
  Path dir;

  private static List<String> fencedBlocks(Path doc) throws Exception {
    // fences may be indented (inside a list item): strip the block's common indentation
    Matcher m = Pattern.compile("(?ms)^( *)```[a-z]*\\n(.*?)^\\1```").matcher(Files.readString(doc));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      String indent = m.group(1);
      out.add(m.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
          .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }
    return out;
  }

  private List<String> compile(String source) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "doc", ".mcppolicy"), source);
    CompileResult r = PolicyCompiler.compile(file, CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir));
    assertTrue(r.document().isPresent() || r.hasErrors());
    return r.diagnostics().stream().map(d -> new TextRenderer(false).render(d)).toList();
  }

  @Test
  void theReadmeTourCompilesClean() throws Exception {
    String tour = fencedBlocks(Path.of("../README.md")).stream()
        .filter(b -> b.startsWith("policy \"odoo-accounting-assistant\"")).findFirst().orElseThrow();
    assertEquals(List.of(), compile(tour));
  }

  @Test
  void theReadmeTestBlockPassesAndItsTraceLineReads() throws Exception {
    List<String> blocks = fencedBlocks(Path.of("../README.md"));
    String test = blocks.stream().filter(b -> b.startsWith("test \"oca_link")).findFirst().orElseThrow();
    Path policy = Files.writeString(dir.resolve("readme.mcppolicy"), "default deny\nimport \"std/servers/odoo-claude-mcp\"\n"
        + "tool oca_link limit 10/minute per grant\n" + test);
    var report = dev.mcppolicy.run.TestRunner.test(List.of(policy), new dev.mcppolicy.run.TestRunner.Options(
        CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir), dev.mcppolicy.sim.WindowMode.CALENDAR,
        java.util.Optional.empty(), false, false));
    assertEquals(dev.mcppolicy.run.TestReport.Outcome.PASSED, report.outcome(), report.text() + report.diagnostics());
    assertEquals(1, report.cases());
    String traceLine = blocks.stream().filter(b -> b.startsWith("{\"ts\"")).findFirst().orElseThrow();
    Path trace = Files.writeString(dir.resolve("readme.trace.jsonl"), traceLine);
    try (var reader = dev.mcppolicy.trace.TraceReader.open(trace, "readme")) {
      var entry = reader.next();
      assertTrue(entry.record() != null, String.valueOf(entry.problem()));
    }
  }

  @Test
  void theLanguageReferenceBlocksCompile() throws Exception {
    List<String> blocks = fencedBlocks(Path.of("../docs/language.md"));
    String refund = blocks.stream().filter(b -> b.startsWith("tool create_refund")).findFirst().orElseThrow();
    assertEquals(List.of(), compile("default deny\n" + refund));
    String catalog = blocks.stream().filter(b -> b.startsWith("catalog odoo_claude_mcp")).findFirst().orElseThrow();
    assertEquals(List.of(), compile("default deny\n" + catalog + "allow class read\n"));
    String test = blocks.stream().filter(b -> b.startsWith("test \"oca_link")).findFirst().orElseThrow();
    assertEquals(List.of(), compile("default deny\nimport \"std/servers/odoo-claude-mcp\"\ntool oca_link limit 10/minute\n" + test));
  }
}
