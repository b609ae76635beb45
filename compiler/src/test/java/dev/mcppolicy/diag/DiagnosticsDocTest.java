package dev.mcppolicy.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md lists every code, in order, with its default severity. */
class DiagnosticsDocTest {
  @Test
  void theReferenceTableMatchesTheCodes() throws IOException {
    String doc = Files.readString(Path.of("../docs/diagnostics.md"));
    Matcher m = Pattern.compile("(?m)^\\| (E\\d{3}) \\| (error|warning) \\|").matcher(doc);
    List<String> documented = new ArrayList<>();
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    List<String> actual = new ArrayList<>();
    for (Code c : Code.values()) {
      actual.add(c.name() + " " + c.defaultSeverity().word());
    }
    assertEquals(actual, documented);
  }
}
