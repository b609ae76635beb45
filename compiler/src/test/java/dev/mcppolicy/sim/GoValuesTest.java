package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every row of {@code go/go-fmt-v.tsv}: a JSON value and the text Go's %v prints for it, produced by Go. */
class GoValuesTest {
  @TestFactory
  Stream<DynamicTest> everyRowPrintsAsGoPrintsIt() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/go/go-fmt-v.tsv"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.startsWith("json_literal\t"))
        .map(line -> DynamicTest.dynamicTest(line, () -> {
          int tab = line.indexOf('\t');
          String json = line.substring(0, tab);
          String go = line.substring(tab + 1);
          assertEquals(go, GoValues.text(JsonReader.read(json).root()));
        }));
  }
}
