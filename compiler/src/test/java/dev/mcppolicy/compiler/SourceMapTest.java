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
    assertEquals(List.of("odoo/policy.mcppolicy"), preset.importedVia());
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
}
