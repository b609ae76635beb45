package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcppolicy catalog}: golden catalogs from tools/list answers shaped as real servers send
 * them (annotations present, absent and partial; several pages; odd names), and bad input.
 * Regenerate the golden files with {@code -Dgolden.update=true}.
 */
class CatalogCliTest {
  static final Path DIR = Path.of("src/test/resources/catalog");

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> goldenCatalogs() {
    return Stream.of("git-tools-list.json", "pages.jsonl").map(input -> DynamicTest.dynamicTest(input, () -> {
      CliTest.Run r = CliTest.run("catalog", DIR.resolve(input).toString(), "--title", "Fixture");
      assertEquals(0, r.code(), r.err());
      Path golden = DIR.resolve(input.replaceAll("\\.[a-z]+$", "") + ".mcppolicy.expected");
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out());
      // the module compiles, and a policy bound to it sees its tools
      Path module = Files.writeString(dir.resolve("server.mcppolicy"), r.out());
      Files.writeString(dir.resolve("p.mcppolicy"), "default deny\nimport \"server\"\nallow class read\n");
      CliTest.Run compiled = CliTest.run("compile", dir.resolve("p.mcppolicy").toString());
      assertEquals(0, compiled.code(), compiled.err() + module);
    }));
  }

  @Test
  void theOutputIsWrittenSafely() throws Exception {
    Path out = Files.writeString(dir.resolve("git.mcppolicy"), "# mine\n");
    CliTest.Run refused = CliTest.run("catalog", DIR.resolve("git-tools-list.json").toString(), "-o", out.toString());
    assertEquals(2, refused.code());
    assertEquals("# mine\n", Files.readString(out));
    assertEquals(0, CliTest.run("catalog", DIR.resolve("git-tools-list.json").toString(), "-o", out.toString(), "--force",
        "--name", "git").code());
    assertTrue(Files.readString(out).contains("catalog git {"), Files.readString(out));
    Path input = Files.copy(DIR.resolve("git-tools-list.json"), dir.resolve("tools.json"));
    CliTest.Run onInput = CliTest.run("catalog", input.toString(), "-o", input.toString(), "--force");
    assertEquals(2, onInput.code());
    assertTrue(onInput.err().contains("the input of this catalog"), onInput.err());
    assertEquals(Files.readString(DIR.resolve("git-tools-list.json")), Files.readString(input));
  }

  /** A file past the bound is refused before it is read into memory; an empty one is not JSON. */
  @Test
  void aHugeOrEmptyAnswerIsRefused() throws Exception {
    Path huge = dir.resolve("huge.json");
    try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(CatalogCommand.MAX_BYTES + 1); // sparse: no disk is used
    }
    CliTest.Run r = CliTest.run("catalog", huge.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("huge.json is " + (CatalogCommand.MAX_BYTES + 1) + " bytes"), r.err());
    CliTest.Run empty = CliTest.run("catalog", Files.writeString(dir.resolve("empty.json"), "").toString());
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("empty.json:1:1: not JSON"), empty.err());
  }

  @Test
  void badInputIsExitTwoWithItsPlace() throws Exception {
    for (List<String> c : List.of(
        List.of("{\"result\": {\"tools\": [}", "t.json:1:23: not JSON: Unexpected close marker '}': expected ']'\n"),
        List.of("{\"jsonrpc\": \"2.0\", \"id\": 1, \"error\": {\"code\": -32601}}", "$: not a tools/list answer"),
        List.of("{\"tools\": [{\"name\": \"a\"}, {\"description\": \"no name\"}]}", "$.tools[1]: a tool without a name"),
        List.of("[{\"tools\": [{\"name\": \"a\"}]}, {\"tools\": [{\"name\": \"a\"}]}]", "$[1].tools[0].name: the tool 'a' is listed twice"),
        List.of("{\"tools\": []}", "$: the answer lists no tools"))) {
      Path input = Files.writeString(dir.resolve("t.json"), c.get(0));
      Path out = dir.resolve("out.mcppolicy");
      CliTest.Run r = CliTest.run("catalog", input.toString(), "-o", out.toString());
      assertEquals(2, r.code(), c.get(0));
      assertTrue(r.err().contains(c.get(1)), c.get(0) + "\n" + r.err());
      assertFalse(Files.exists(out));
    }
  }
}
