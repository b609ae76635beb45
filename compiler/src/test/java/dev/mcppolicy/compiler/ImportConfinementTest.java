package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports stay inside the project root, including through symbolic links (language.md 7). */
class ImportConfinementTest {
  @TempDir
  Path dir;

  private CompileResult compile(Path file, Path root) {
    return PolicyCompiler.compile(file, CompileOptions.defaults().withRoot(root).withWorkingDirectory(dir));
  }

  @Test
  void aSymbolicLinkThatLeavesTheRootIsRefused() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path outside = Files.writeString(dir.resolve("secret.mcppolicy"), "allow everything\n");
    Files.createSymbolicLink(root.resolve("link.mcppolicy"), outside);
    Path policy = Files.writeString(root.resolve("p.mcppolicy"), "default deny\nimport \"link\"\n");
    CompileResult r = compile(policy, root);
    assertTrue(r.document().isEmpty());
    assertEquals(List.of(Code.E105), r.diagnostics().stream().map(d -> d.code()).toList());
    assertTrue(r.diagnostics().get(0).message().contains("symbolic link"), r.diagnostics().get(0).message());
  }

  @Test
  void aSymbolicLinkInsideTheRootIsFine() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path real = Files.writeString(Files.createDirectories(root.resolve("lib")).resolve("real.mcppolicy"), "allow a\n");
    Files.createSymbolicLink(root.resolve("alias.mcppolicy"), real);
    Path policy = Files.writeString(root.resolve("p.mcppolicy"), "default deny\nimport \"alias\"\nimport \"lib/real\"\n");
    CompileResult r = compile(policy, root);
    assertEquals(List.of(), r.diagnostics());
    assertEquals(List.of("a"), List.copyOf(r.document().orElseThrow().tools().keySet()));
  }

  @Test
  void theImportPathIsSearchedAfterTheImportingFolder() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/main/mcppolicy"));
    Files.writeString(src.resolve("odoo.mcppolicy"), "default deny\nallow odoo_search\n");
    Path test = Files.writeString(Files.createDirectories(dir.resolve("src/test/mcppolicy")).resolve("t.mcppolicy"),
        "default deny\nimport \"odoo\"\n");
    CompileResult r = PolicyCompiler.compile(test, CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir)
        .withImportPath(List.of(src)));
    assertEquals(List.of(), r.diagnostics());
    assertTrue(r.document().orElseThrow().tools().containsKey("odoo_search"));
  }
}
