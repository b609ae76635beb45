package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.PolicyJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules are read through a source provider: files in memory (an editor's unsaved buffers) over the disk. */
class SourcesTest {
  @TempDir
  Path dir;

  private CompileOptions options(Map<Path, byte[]> buffers) {
    return CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir)
        .withSources(Sources.overlay(buffers, Sources.DISK));
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUnsavedBufferIsCompiledAndImportedInsteadOfTheFileOnDisk() throws Exception {
    Path policy = Files.writeString(dir.resolve("p.mcppolicy"), "default deny\nimport \"limits\"\nallow a\n");
    Files.writeString(dir.resolve("limits.mcppolicy"), "tool a limit 1/minute\n");
    CompileResult onDisk = PolicyCompiler.compile(policy, options(Map.of()));
    assertTrue(PolicyJson.canonical(onDisk.document().orElseThrow()).contains("\"max\": 1,"));

    // the module edited in the editor, not saved: its buffer is what is imported
    CompileResult edited = PolicyCompiler.compile(policy,
        options(Map.of(dir.resolve("limits.mcppolicy"), text("tool a limit 7/minute\n"))));
    assertTrue(PolicyJson.canonical(edited.document().orElseThrow()).contains("\"max\": 7,"), edited.diagnostics().toString());
  }

  @Test
  void aPolicyAndAModuleThatExistOnlyInMemoryCompile() {
    Path policy = dir.resolve("new.mcppolicy");
    CompileResult r = PolicyCompiler.compile(policy, options(Map.of(
        policy, text("default deny\nimport \"shared/base\"\n"),
        dir.resolve("shared/base.mcppolicy"), text("allow b\n"))));
    assertEquals(java.util.List.of(), r.diagnostics());
    assertEquals(java.util.Set.of("b"), r.document().orElseThrow().tools().keySet());
  }

  @Test
  void aModuleInNeitherPlaceIsNotFound() {
    Path policy = dir.resolve("p.mcppolicy");
    CompileResult r = PolicyCompiler.compile(policy, options(Map.of(policy, text("default deny\nimport \"nowhere\"\n"))));
    assertEquals("E104", r.diagnostics().get(0).code().name());
  }
}
