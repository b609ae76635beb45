package dev.mcppolicy.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.format.Formatter;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.syntax.Parser;
import dev.mcppolicy.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Round trips as properties, over generated policies: printing a parsed tree and parsing it again
 * gives the same tree; the printed text compiles to the same bytes; formatting is idempotent; the
 * canonical JSON reads back to the same bytes.
 */
class RoundTripTest {
  @Property
  void printParseAndCompileGiveTheSameResult(@ForAll long seed) throws Exception {
    String[] sources = new PolicyGenerator(seed).generate();
    Path dir = Files.createTempDirectory("mcppolicy-roundtrip");
    try {
      Path policy = Files.writeString(dir.resolve("policy.mcppolicy"), sources[0]);
      Files.writeString(dir.resolve("module.mcppolicy"), sources[1]);
      CompileOptions options = CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir);
      for (String source : sources) {
        var tree = Parser.parse(new SourceFile("p", source), new Diagnostics()).unit();
        String printed = Formatter.print(tree);
        var again = Parser.parse(new SourceFile("p", printed), new Diagnostics()).unit();
        assertEquals(Trees.normalize(tree), Trees.normalize(again), printed);
        assertEquals(Optional.of(printed), Formatter.format(new SourceFile("p", printed), new Diagnostics()),
            "formatting is idempotent");
      }
      CompileResult original = PolicyCompiler.compile(policy, options);
      String printed = Formatter.print(Parser.parse(new SourceFile("p", sources[0]), new Diagnostics()).unit());
      CompileResult reprinted = PolicyCompiler.compile(policy, printed, options);
      assertEquals(original.document().map(PolicyJson::canonical), reprinted.document().map(PolicyJson::canonical));
      original.document().ifPresent(doc -> {
        String canonical = PolicyJson.canonical(doc);
        assertEquals(canonical, PolicyJson.canonical(PolicyJson.read(canonical).document().orElseThrow()));
        assertEquals(doc, PolicyJson.read(canonical).document().orElseThrow());
      });
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
