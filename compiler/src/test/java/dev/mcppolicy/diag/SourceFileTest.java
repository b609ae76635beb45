package dev.mcppolicy.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a source text is cut into lines: a line ends at "\n", "\r" or "\r\n"; the last line has no end. */
class SourceFileTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("", List.of("")),
        Arguments.of("a", List.of("a")),
        Arguments.of("a\n", List.of("a", "")),
        Arguments.of("a\nb", List.of("a", "b")),
        Arguments.of("a\r\nb\r\n", List.of("a", "b", "")),
        Arguments.of("a\rb", List.of("a", "b")),
        Arguments.of("\n\n", List.of("", "", "")),
        Arguments.of("\r\r\n", List.of("", "", "")),
        Arguments.of("\n\r", List.of("", "", "")),
        Arguments.of("a\r\rb\n\r\nc", List.of("a", "", "b", "", "c")),
        Arguments.of("tool x {\r\n  limit 5/minute\n}", List.of("tool x {", "  limit 5/minute", "}")));
  }

  @ParameterizedTest
  @MethodSource("texts")
  void cutsLinesAtEachKindOfLineEnd(String text, List<String> lines) {
    SourceFile file = new SourceFile("p.mcppolicy", text);
    assertEquals(lines.size(), file.lineCount());
    for (int n = 1; n <= lines.size(); n++) {
      assertEquals(lines.get(n - 1), file.line(n), "line " + n);
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void aLineOutsideTheFileIsEmpty(String text, List<String> lines) {
    SourceFile file = new SourceFile("p.mcppolicy", text);
    assertEquals("", file.line(0));
    assertEquals("", file.line(lines.size() + 1));
  }

  /** Any text of letters and line ends: the lines agree with a plain character-by-character split. */
  @Property(tries = 2000)
  void agreesWithACharacterByCharacterSplit(@ForAll @StringLength(max = 40) @CharRange(from = '\n', to = '\r') @CharRange(from = 'a', to = 'c') String text) {
    SourceFile file = new SourceFile("p.mcppolicy", text);
    List<String> expected = split(text);
    assertEquals(expected.size(), file.lineCount(), () -> "lines of " + text.replace("\r", "\\r").replace("\n", "\\n"));
    for (int n = 1; n <= expected.size(); n++) {
      assertEquals(expected.get(n - 1), file.line(n));
    }
  }

  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }
}
