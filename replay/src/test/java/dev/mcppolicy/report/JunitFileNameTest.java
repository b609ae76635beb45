package dev.mcppolicy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report file names: readable, and different for every suite path (JunitXml.fileName). */
class JunitFileNameTest {
  private static String fileName(String suite) {
    return JunitXml.fileName(new SuiteResult(suite, suite, List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "src/test/mcppolicy/odoo-tests.mcppolicy, TEST-src.test.mcppolicy.odoo-tests.xml",
      "src/test/mcppolicy/odoo.trace.jsonl,     TEST-src.test.mcppolicy.odoo%2Etrace.xml",
      "pg/monday.trace.jsonl,                   TEST-pg.monday%2Etrace.xml",
      "pg.monday.trace.jsonl,                   TEST-pg%2Emonday%2Etrace.xml",
      "x.trace.mcppolicy,                       TEST-x%2Etrace%2Emcppolicy.xml",
      "x.trace.jsonl,                           TEST-x%2Etrace.xml",
      "my tests/a%b.mcppolicy,                  TEST-my%20tests.a%25b.xml",
      "équipe/a.mcppolicy,                      TEST-%C3%A9quipe.a.xml"})
  void aSuitePathBecomesAReadableFileName(String suite, String expected) {
    assertEquals(expected, fileName(suite));
  }

  @ParameterizedTest(name = "{0} and {1} differ")
  @CsvSource({
      "pg.monday.trace.jsonl,  pg/monday.trace.jsonl",
      "x.trace.mcppolicy,      x.trace.jsonl",
      "a/b.mcppolicy,          a.b.mcppolicy",
      "a_b.mcppolicy,          a/b.mcppolicy",
      "a%2Eb.mcppolicy,        a.b.mcppolicy"})
  void pathsThatUsedToCollideGetTwoFiles(String one, String other) {
    assertNotEquals(fileName(one), fileName(other));
  }
}
