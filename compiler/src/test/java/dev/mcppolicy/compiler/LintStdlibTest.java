package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** No lint fires on a policy that is each stdlib server's catalog with each preset, under either default. */
class LintStdlibTest {
  @TestFactory
  Stream<DynamicTest> theStdlibPresetsAreLintFree() throws Exception {
    List<String> modules = Files.readAllLines(Path.of("../stdlib/src/main/resources/std/modules.txt")).stream()
        .filter(l -> l.startsWith("std/")).toList();
    List<String> servers = modules.stream().filter(m -> m.startsWith("std/servers/")).toList();
    List<String> presets = modules.stream().filter(m -> m.startsWith("std/presets/")).toList();
    return servers.stream().flatMap(server -> presets.stream().flatMap(preset -> Stream.of("deny", "allow").map(posture ->
        DynamicTest.dynamicTest(server + " + " + preset + ", default " + posture, () -> {
          Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "lint-stdlib");
          Path file = Files.writeString(dir.resolve("p.mcppolicy"),
              "default " + posture + "\nimport \"" + server + "\"\nimport \"" + preset + "\"\n");
          CompileResult r = PolicyCompiler.compile(file, CompileOptions.defaults().withWorkingDirectory(dir).withRoot(dir));
          assertEquals(List.of(), r.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList());
        }))));
  }
}
