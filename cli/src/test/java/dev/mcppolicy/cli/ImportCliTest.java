package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcppolicy import}: source that compiles back to the document, written safely; bad input exit 2. */
class ImportCliTest {
  @TempDir
  Path dir;

  Path json;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    json = Files.writeString(dir.resolve("legacy.json"), """
        {"version": "1", "default": "deny", "hide": ["wipe"],
         "tools": {"pay": {"deny_if": [{"conditions": [{"path": "args.amount", "op": "gt", "value": 100}], "on_deny": "too much"}],
                           "limits": [{"counter": "pay_rate", "window": "minute", "max": 5, "scope": "grant"}]},
                   "read": {}}}
        """);
  }

  @Test
  void theSourceCompilesBackToTheDocument() throws Exception {
    CliTest.Run r = CliTest.run("import", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("# Imported from "), r.out());
    assertTrue(r.out().contains("tool pay {\n  deny if args.amount > 100 message \"too much\"\n  limit 5/minute per grant\n}\n"), r.out());
    Path out = dir.resolve("legacy.mcppolicy");
    assertEquals(0, CliTest.run("import", json.toString(), "-o", out.toString()).code());
    CliTest.Run back = CliTest.run("compile", out.toString());
    assertEquals(0, back.code(), back.err());
    CliTest.Run canonical = CliTest.run("compile", out.toString());
    assertEquals(dev.mcppolicy.model.PolicyJson.canonical(dev.mcppolicy.model.PolicyJson.read(Files.readAllBytes(json)).document()
        .orElseThrow()), canonical.out());
  }

  @Test
  void anExistingOutputIsKeptUnlessForced() throws Exception {
    Path out = Files.writeString(dir.resolve("legacy.mcppolicy"), "# mine\n");
    CliTest.Run refused = CliTest.run("import", json.toString(), "-o", out.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("exists: give --force to overwrite it"), refused.err());
    assertEquals("# mine\n", Files.readString(out));
    assertEquals(0, CliTest.run("import", json.toString(), "-o", out.toString(), "--force").code());
    assertTrue(Files.readString(out).startsWith("# Imported from "));
    String before = Files.readString(json);
    CliTest.Run onInput = CliTest.run("import", json.toString(), "-o", json.toString(), "--force");
    assertEquals(2, onInput.code());
    assertTrue(onInput.err().contains("refusing to write " + json + ": it is "), onInput.err());
    assertEquals(before, Files.readString(json), "the input is never overwritten, even with --force");
  }

  @Test
  void badInputIsExitTwoWithItsPlace() throws Exception {
    Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"version\": \"1\",\n \"default\": }\n");
    CliTest.Run r = CliTest.run("import", notJson.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.json:2:13: error[E601]"), r.err());
    Path shared = Files.writeString(dir.resolve("shared.json"), """
        {"version": "1", "default": "deny", "hide": ["a"], "tools": {
          "a": {"limits": [{"counter": "c", "window": "minute", "max": 1, "scope": "grant"}]}}}
        """);
    CliTest.Run inexpressible = CliTest.run("import", shared.toString(), "-o", dir.resolve("shared.mcppolicy").toString());
    assertEquals(2, inexpressible.code());
    assertTrue(inexpressible.err().contains("shared.json: $.tools.a: the tool is also hidden; hiding wins"), inexpressible.err());
    assertFalse(Files.exists(dir.resolve("shared.mcppolicy")), "nothing written");
    CliTest.Run missing = CliTest.run("import", dir.resolve("missing.json").toString());
    assertEquals(2, missing.code());
  }

  @Test
  void withACatalogFileTheImportIsBoundToItAndRecoversSelectors() throws Exception {
    Files.createDirectories(dir.resolve("catalogs"));
    Files.writeString(dir.resolve("catalogs/pay.mcppolicy"), """
        catalog pay {
          pay write
          read read
          list read
          wipe destructive
          purge destructive
        }
        """);
    Path hidden = Files.writeString(dir.resolve("hidden.json"), """
        {"version": "1", "default": "deny", "hide": ["purge", "wipe"], "tools": {"list": {}, "read": {}, "pay": {}}}
        """);
    Path out = dir.resolve("policies/hidden.mcppolicy");
    Files.createDirectories(out.getParent());
    CliTest.Run r = CliTest.run("import", hidden.toString(), "--catalog", dir.resolve("catalogs/pay.mcppolicy").toString(),
        "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        # Imported from %s by mcppolicy import: it compiles back to
        # that document's canonical form, byte for byte.
        default deny

        import "../catalogs/pay"

        allow risk <= medium
        hide class destructive
        """.formatted(hidden), Files.readString(out));
    CliTest.Run back = CliTest.run("compile", out.toString());
    assertEquals(0, back.code(), back.err());
    assertEquals(dev.mcppolicy.model.PolicyJson.canonical(dev.mcppolicy.model.PolicyJson.read(Files.readAllBytes(hidden))
        .document().orElseThrow()), back.out());
  }

  @Test
  void aCatalogThatCannotBeUsedIsExitTwo() throws Exception {
    CliTest.Run unknown = CliTest.run("import", json.toString(), "--catalog", "std/servers/nope");
    assertEquals(2, unknown.code());
    assertEquals("mcppolicy: " + json + ": --catalog std/servers/nope: no module \"std/servers/nope\" in the standard library\n",
        unknown.err());
    Path module = Files.writeString(dir.resolve("module.mcppolicy"), "allow pay\n");
    CliTest.Run noCatalog = CliTest.run("import", json.toString(), "--catalog", module.toString());
    assertEquals(2, noCatalog.code());
    assertEquals("mcppolicy: " + json + ": --catalog " + module + ": it declares no catalog\n", noCatalog.err());
  }
}
