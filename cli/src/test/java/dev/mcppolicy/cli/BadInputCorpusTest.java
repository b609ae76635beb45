package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: one folder per failure class under {@code bad-input/}, each with its
 * files and a {@code case.txt} giving the command, the exit code and the first line on stderr.
 * Every case must answer with that message and code, write nothing, and print no stack trace.
 */
class BadInputCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/bad-input");

  @TempDir
  Path work;

  @TestFactory
  Stream<DynamicTest> everyFailureClassGetsItsMessageAndExitCode() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      List<Path> cases = dirs.filter(Files::isDirectory).sorted().toList();
      assertTrue(cases.size() >= 30, "the corpus has a case per failure class");
      return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }
  }

  private void run(Path dir) throws Exception {
    List<String> spec = Files.readAllLines(dir.resolve("case.txt"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#")).toList();
    Path copy = Files.createDirectories(work.resolve(dir.getFileName().toString()));
    copyTree(dir, copy);
    List<String> args = List.of(spec.get(0).split(" "));
    String cwd = System.getProperty("user.dir");
    // the CLI names files relative to the working folder: run it as if started in the case's folder
    String[] absolute = args.stream().map(a -> a.startsWith("-") || !Files.exists(copy.resolve(a)) && !a.endsWith(".mcppolicy")
        && !a.endsWith(".jsonl") && !a.endsWith(".json") && !a.equals("dir") ? a : copy.resolve(a).toString()).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    System.setProperty("user.dir", copy.toString());
    try {
      code = Main.run(absolute, new PrintWriter(out), new PrintWriter(err));
    } finally {
      System.setProperty("user.dir", cwd);
    }
    String stderr = err.toString();
    String first = stderr.lines().findFirst().orElse("").replace(copy + "/", "");
    assertEquals(spec.get(2), first, stderr);
    assertEquals(Integer.parseInt(spec.get(1)), code, stderr);
    assertEquals("", out.toString(), "nothing on stdout for bad input");
    assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
    try (Stream<Path> files = Files.walk(copy)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".mcppolicy-tmp-")).toList());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("case.txt")) {
          Files.copy(p, target);
        }
      }
    }
  }
}
