package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compilation remembers where every emitted rule, limit, tool entry and hide entry came from. */
class SourceMapTest {
  static final Path SAMPLES = Path.of("../samples").toAbsolutePath().normalize();

  private static CompileResult compile(String sample) {
    return PolicyCompiler.compile(SAMPLES.resolve(sample + "/policy.mcppolicy"),
        CompileOptions.defaults().withWorkingDirectory(SAMPLES));
  }

  @Test
  void aRuleLeadsBackToItsLineAndAPresetsRuleToThePresetAndItsImporter() {
    SourceMap map = compile("odoo").sourceMap();
    assertEquals("odoo/policy.mcppolicy:15:3", map.rule("/tools/odoo_unlink/deny_if/0").orElseThrow().toString());
    assertEquals("odoo/policy.mcppolicy:16:3", map.rule("/tools/odoo_unlink/deny_if/1").orElseThrow().toString());
    SourceMap.Origin preset = map.rule(RuleIds.toolLimit("odoo_create", "odoo_create_rate")).orElseThrow();
    assertEquals("std/presets/recommended.mcppolicy", preset.file());
    assertEquals(List.of("odoo/policy.mcppolicy:8:1"), preset.importedVia()); // its import statement
    assertEquals("std/presets/recommended.mcppolicy:" + preset.span().line() + ":" + preset.span().column()
        + " via odoo/policy.mcppolicy:8:1", preset.toString());
    assertEquals("odoo/policy.mcppolicy:5:1", map.decidedBy("(default deny)", "anything").orElseThrow().toString());
    assertTrue(map.hidden().values().stream().anyMatch(o -> o.file().equals("std/presets/recommended.mcppolicy")), map.hidden().toString());
  }

  @Test
  void everyPartOfEverySampleHasAnOrigin() {
    for (String sample : List.of("odoo", "github", "stripe")) {
      CompileResult r = compile(sample);
      PolicyDocument doc = r.document().orElseThrow();
      SourceMap map = r.sourceMap();
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, ToolPolicy> e : doc.tools().entrySet()) {
        String tool = e.getKey();
        if (!map.tools().containsKey(tool)) {
          missing.add("tool " + tool);
        }
        for (int i = 0; i < e.getValue().require().size(); i++) {
          if (map.rule(RuleIds.require(tool, i)).isEmpty()) {
            missing.add(RuleIds.require(tool, i));
          }
        }
        for (int i = 0; i < e.getValue().denyIf().size(); i++) {
          if (map.rule(RuleIds.denyIf(tool, i)).isEmpty()) {
            missing.add(RuleIds.denyIf(tool, i));
          }
        }
        for (Limit l : e.getValue().limits()) {
          if (map.rule(RuleIds.toolLimit(tool, l.counter())).isEmpty()) {
            missing.add(RuleIds.toolLimit(tool, l.counter()));
          }
        }
      }
      for (Limit l : doc.allToolsLimits()) {
        if (map.rule(RuleIds.allToolsLimit(l.counter())).isEmpty()) {
          missing.add(RuleIds.allToolsLimit(l.counter()));
        }
      }
      for (String hidden : doc.hide()) {
        if (!map.hidden().containsKey(hidden)) {
          missing.add("hide " + hidden);
        }
      }
      assertEquals(List.of(), missing, sample);
      assertTrue(map.rules().size() >= 5, sample + ": " + map.rules().size());
    }
  }

  /**
   * A rule two imports deep names its statement and each import statement on the way, nearest
   * first; {@code compile --source-map} writes every part by its JSON Pointer, in code-point order.
   */
  @Test
  void aChainOfImportsIsNamedStatementByStatementAndWrittenAsJson(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("c.mcppolicy"), "tool a {\n  deny if args.x == 1\n}\nhide b\n");
    java.nio.file.Files.writeString(dir.resolve("b.mcppolicy"), "import \"c.mcppolicy\"\n");
    java.nio.file.Files.writeString(dir.resolve("root.mcppolicy"),
        "policy \"p\"\ndefault allow\nimport \"b.mcppolicy\"\ntool a limit 5/minute\n");
    CompileResult r = PolicyCompiler.compile(dir.resolve("root.mcppolicy"),
        CompileOptions.defaults().withWorkingDirectory(dir));
    assertEquals(List.of(), r.diagnostics());
    SourceMap map = r.sourceMap();
    assertEquals("c.mcppolicy:2:3 via b.mcppolicy:1:1 via root.mcppolicy:3:1", map.rule("/tools/a/deny_if/0").orElseThrow().toString());
    assertEquals("c.mcppolicy:4:1 via b.mcppolicy:1:1 via root.mcppolicy:3:1",
        map.decidedBy(RuleIds.HIDDEN, "b").orElseThrow().toString());
    assertEquals("root.mcppolicy:4:8", map.rule("/tools/a/limits/a_rate").orElseThrow().toString());
    assertEquals("""
        {
          "/default": {
            "file": "root.mcppolicy",
            "line": 2,
            "column": 1,
            "via": []
          },
          "/hide/0": {
            "file": "c.mcppolicy",
            "line": 4,
            "column": 1,
            "via": [
              "b.mcppolicy:1:1",
              "root.mcppolicy:3:1"
            ]
          },
          "/tools/a": {
            "file": "c.mcppolicy",
            "line": 2,
            "column": 3,
            "via": [
              "b.mcppolicy:1:1",
              "root.mcppolicy:3:1"
            ]
          },
          "/tools/a/deny_if/0": {
            "file": "c.mcppolicy",
            "line": 2,
            "column": 3,
            "via": [
              "b.mcppolicy:1:1",
              "root.mcppolicy:3:1"
            ]
          },
          "/tools/a/limits/a_rate": {
            "file": "root.mcppolicy",
            "line": 4,
            "column": 8,
            "via": []
          }
        }
        """, dev.mcppolicy.json.JsonWriter.pretty(map.json(r.document().orElseThrow())));
  }
}
