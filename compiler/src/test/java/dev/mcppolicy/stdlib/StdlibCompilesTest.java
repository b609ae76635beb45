package dev.mcppolicy.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.compiler.Stdlib;
import dev.mcppolicy.diag.TextRenderer;
import dev.mcppolicy.model.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every stdlib module checks clean alone, and every server with every preset compiles clean. */
class StdlibCompilesTest {
  @TempDir
  Path dir;

  private CompileResult compile(String source, boolean check) throws Exception {
    Path file = Files.createTempFile(dir, "policy", ".mcppolicy");
    Files.writeString(file, source);
    CompileOptions options = CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir);
    return check ? PolicyCompiler.check(file, options) : PolicyCompiler.compile(file, options);
  }

  private static List<String> rendered(CompileResult r) {
    return r.diagnostics().stream().map(d -> new TextRenderer(false).render(d)).toList();
  }

  @Test
  void theIndexListsTheEightServersAndTwoPresets() {
    assertEquals(10, Stdlib.modules().size(), Stdlib.modules().toString());
    for (String module : Stdlib.modules()) {
      assertTrue(Stdlib.source(module).isPresent(), module);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyModuleChecksClean() {
    return Stdlib.modules().stream().map(m -> DynamicTest.dynamicTest(m, () -> {
      CompileResult r = compile("import \"" + m + "\"\n", true);
      assertEquals(List.of(), rendered(r));
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyServerWithEveryPresetCompilesClean() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String server : Stdlib.modules().stream().filter(m -> m.startsWith("std/servers/")).toList()) {
      for (String preset : Stdlib.modules().stream().filter(m -> m.startsWith("std/presets/")).toList()) {
        tests.add(DynamicTest.dynamicTest(server + " + " + preset, () -> {
          CompileResult r = compile("default deny\nimport \"" + server + "\"\nimport \"" + preset + "\"\n", false);
          assertEquals(List.of(), rendered(r));
          PolicyDocument doc = r.document().orElseThrow();
          assertTrue(!doc.tools().isEmpty(), "the preset allows the server's read tools");
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void recommendedPresetDoesWhatItSays() throws Exception {
    CompileResult r = compile("default deny\nimport \"std/servers/odoo-claude-mcp\"\nimport \"std/presets/recommended\"\n", false);
    PolicyDocument doc = r.document().orElseThrow();
    assertEquals("{}", dev.mcppolicy.json.JsonWriter.inline(
        dev.mcppolicy.model.PolicyJson.toJson(doc).members().get("tools") instanceof dev.mcppolicy.json.JsonObject o
            ? o.members().get("odoo_search") : null));
    assertEquals(30, doc.tools().get("odoo_cert_refresh").limits().get(0).max());
    assertEquals(dev.mcppolicy.model.Window.HOUR, doc.tools().get("odoo_cert_refresh").limits().get(0).window());
    assertEquals(10, doc.tools().get("oca_link").limits().get(0).max());
    assertEquals("oca_link_rate", doc.tools().get("oca_link").limits().get(0).counter());
    assertTrue(doc.hide().contains("odoo_disconnect"), "destructive tools are hidden");
    assertTrue(!doc.tools().containsKey("odoo_disconnect"));
  }

  @Test
  void readOnlyPresetHidesEverythingButReads() throws Exception {
    CompileResult r = compile("default deny\nimport \"std/servers/github-mcp-server\"\nimport \"std/presets/read-only\"\n", false);
    PolicyDocument doc = r.document().orElseThrow();
    assertEquals(61, doc.tools().size(), "61 read tools in the GitHub catalog");
    assertEquals(60, doc.hide().size(), "49 write + 2 execute + 9 destructive");
    doc.tools().values().forEach(t -> assertTrue(t.limits().isEmpty() && t.require().isEmpty() && t.denyIf().isEmpty()));
  }
}
