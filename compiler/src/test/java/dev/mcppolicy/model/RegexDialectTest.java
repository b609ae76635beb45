package dev.mcppolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's regex dialect: every row of {@code regex/go-regexp.tsv} (patterns and Go's own
 * verdict) is accepted or refused exactly as Go does, with Go's kind of error and its fragment.
 */
class RegexDialectTest {
  static final Path ROWS = Path.of("src/test/resources/regex/go-regexp.tsv");

  @TestFactory
  Stream<DynamicTest> everyRowIsDecidedAsGoDecidesIt() throws IOException {
    return Files.readAllLines(ROWS, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.startsWith("pattern\t") && !l.isBlank())
        .map(line -> DynamicTest.dynamicTest(line, () -> {
          String[] cells = line.split("\t");
          String pattern = cells[0];
          String go = cells[1];
          Optional<RegexCheck.Problem> problem = RegexCheck.check(pattern);
          if (go.equals("ok")) {
            assertEquals(Optional.empty(), problem);
            return;
          }
          assertTrue(problem.isPresent(), "Go refuses it: " + go);
          // "error: error parsing regexp: KIND: `FRAGMENT`"
          String detail = go.substring("error: error parsing regexp: ".length());
          String kind = detail.substring(0, detail.indexOf(": `"));
          String fragment = detail.substring(detail.indexOf(": `") + 3, detail.length() - 1);
          assertTrue(problem.get().message().contains(kind), problem.get() + " should say " + kind);
          // Go quotes the offending piece, or the whole pattern where a parenthesis is missing
          assertTrue(problem.get().message().contains("'" + fragment + "'") || fragment.equals(pattern),
              problem.get() + " should show " + fragment);
        }));
  }

  @ParameterizedTest(name = "{0}: the caret at {1}")
  @CsvSource(delimiter = '|', value = {
      "((a{1000}){1000}){1000} | 10",
      "(a{1000}){1000}b        | 9",
      "(a{10}){101}            | 7",
      "x(?:a{30}){34}          | 10",
      "[(]{2}(a{2}){600}       | 12",
      "\\Q(a{10})\\E{101}(b{2}){501} | 22",
      "(?<n>a)                 | 0",
      "ab)                     | 2"})
  void theCaretIsOnTheOffendingPiece(String pattern, int index) {
    assertEquals(index, RegexCheck.check(pattern).orElseThrow().index());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"\\x{1000}{2}", "\\p{Greek}{1000}", "[{]{1000}", "a{,1000}{1}", "(?i)(a{2}){500}",
      "(?P<n>a{2}){500}", "(a|b{1000}){1}"})
  void escapesClassesAndLiteralBracesAreNotRepetitions(String pattern) {
    assertEquals(Optional.empty(), RegexCheck.check(pattern));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = ';', value = {
      "a{1000}b{1000}c{1000}; true",
      "a{1000}b{1000}c{1000}d; false",
      "x{1000}y{1000}z{999}(?:w); true",
      "(?:[a-z]{100}){10}(?:[a-z]{100}){10}(?:[a-z]{100}){10}b; false",
      "(?:ab|cd){750}; true",
      "(?:ab|cd){751}; false",
      "a{999,}a{999,}a{999,}; true"})
  void aPatternExpandsToAtMostThreeThousandPieces(String pattern, boolean accepted) {
    Optional<RegexCheck.Problem> problem = RegexCheck.check(pattern);
    assertEquals(accepted, problem.isEmpty(), problem.toString());
    problem.ifPresent(p -> assertTrue(p.message().startsWith("the pattern is too large: with its repetitions written out it has "),
        p.message()));
  }

  @org.junit.jupiter.api.Test
  void aPatternIsAtMost4096Characters() {
    assertEquals(Optional.empty(), RegexCheck.check("a".repeat(4096)).filter(p -> p.message().contains("longer")));
    assertEquals(Optional.of(new RegexCheck.Problem("the pattern is longer than 4096 characters", 4096)),
        RegexCheck.check("a".repeat(4097)));
  }
}
