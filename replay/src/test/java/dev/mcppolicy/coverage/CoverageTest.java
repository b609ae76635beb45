package dev.mcppolicy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.run.TestReport;
import dev.mcppolicy.run.TestRunner;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Each kind of coverage point, with a test that covers it and one that leaves it uncovered, checked
 * through all three reports: the text summary lists it or not, and its line in LCOV (read by
 * {@link LcovReader}) and in Cobertura XML (validated against coverage-04.dtd) counts one point
 * more when it is covered.
 */
class CoverageTest {
  @TempDir
  Path dir;

  /** A kind of point: the policy (line 1 is 'default ...'), the point's line and text, a covering and a leaving test. */
  record Row(Point.Kind kind, String policy, int line, String what, String covers, String leaves) {}

  private static final String CATALOG = "catalog c { a write; b write }\n";

  static final List<Row> ROWS = List.of(
      new Row(Point.Kind.ALLOWED, "default deny\n" + CATALOG + "allow a\n", 3, "tool a: never called and allowed",
          "call a expect allow", "call b expect deny"),
      new Row(Point.Kind.REQUIRE_PASSED, "default deny\n" + CATALOG + "tool a {\n  require args.x exists\n}\n", 4,
          "tool a: require args.x exists: never passed", "call a {\"x\": 1} expect allow", "call a expect deny"),
      new Row(Point.Kind.REQUIRE_DENIED, "default deny\n" + CATALOG + "tool a {\n  require args.x exists\n}\n", 4,
          "tool a: require args.x exists: never denied a call", "call a expect deny", "call a {\"x\": 1} expect allow"),
      new Row(Point.Kind.DENY_IF_FIRED, "default deny\n" + CATALOG + "tool a {\n  deny if args.x > 5\n}\n", 4,
          "tool a: deny if args.x > 5: never fired", "call a {\"x\": 6} expect deny", "call a {\"x\": 5} expect allow"),
      new Row(Point.Kind.DENY_IF_NOT_FIRED, "default deny\n" + CATALOG + "tool a {\n  deny if args.x > 5\n}\n", 4,
          "tool a: deny if args.x > 5: never let a call through", "call a {\"x\": 5} expect allow",
          "call a {\"x\": 6} expect deny"),
      new Row(Point.Kind.CONDITION_TRUE, "default deny\n" + CATALOG + "tool a {\n  deny if args.x > 5 and args.y exists\n}\n", 4,
          "tool a: args.y exists (in deny if args.x > 5 and args.y exists): never true", "call a {\"y\": 1} expect allow",
          "call a expect allow"),
      new Row(Point.Kind.CONDITION_FALSE, "default deny\n" + CATALOG + "tool a {\n  deny if args.x > 5 and args.y exists\n}\n", 4,
          "tool a: args.x > 5 (in deny if args.x > 5 and args.y exists): never false", "call a {\"x\": 1} expect allow",
          "call a {\"x\": 9, \"y\": 1} expect deny"),
      new Row(Point.Kind.LIMIT_REACHED, "default deny\n" + CATALOG + "tool a limit 1/minute per grant\n", 3,
          "tool a: limit 1/minute (a_rate) never reached", "call a expect allow\n  call a expect deny", "call a expect allow"),
      new Row(Point.Kind.LIMIT_REACHED, "default allow\n" + CATALOG + "all tools limit 1/minute per grant\n", 3,
          "all tools: limit 1/minute (calls_per_minute) never reached", "call a expect allow\n  call b expect deny",
          "call a expect allow"),
      new Row(Point.Kind.HIDDEN_CALLED, "default deny\n" + CATALOG + "allow a\nhide b\n", 4, "hidden tool b: never called",
          "call b expect deny", "call a expect allow"),
      new Row(Point.Kind.HIDDEN_CALLED, "default allow\nhide *\n", 2, "hide *: no call to any tool",
          "call anything expect deny", ""),
      new Row(Point.Kind.DEFAULT_DENIED, "default deny\n" + CATALOG + "allow a\n", 1,
          "default deny: no call to a tool the policy does not list", "call b expect deny", "call a expect allow"));

  /** What a run of the row's policy with one test covered, in all three forms, and the run's points. */
  record Seen(String text, LcovReader.FileRecord lcov, Document cobertura, List<Point> points) {
    /** Whether LCOV says the point is taken: its branch is its place among the points of its line. */
    boolean lcovTaken(int line, String what) {
      List<Point> onLine = points.stream().filter(p -> p.line() == line).toList();
      int branch = onLine.indexOf(onLine.stream().filter(p -> p.what().equals(what)).findFirst().orElseThrow());
      return lcov.branches().get(line).get(branch) > 0;
    }

    long lcovTaken(int line) {
      return lcov.branches().getOrDefault(line, List.of()).stream().filter(t -> t > 0).count();
    }

    long coberturaHits(int line) {
      NodeList lines = cobertura.getElementsByTagName("line");
      for (int i = 0; i < lines.getLength(); i++) {
        Element e = (Element) lines.item(i);
        if (e.getAttribute("number").equals(String.valueOf(line))) {
          return Long.parseLong(e.getAttribute("hits"));
        }
      }
      throw new AssertionError("no line " + line + " in the Cobertura report");
    }
  }

  Seen run(String policy, String steps, String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    Path file = Files.writeString(folder.resolve("p.mcppolicy"), policy + "test \"t\" {\n  " + steps + "\n}\n");
    TestReport report = TestRunner.test(List.of(file), new TestRunner.Options(
        CompileOptions.defaults().withWorkingDirectory(folder).withRoot(folder), dev.mcppolicy.sim.WindowMode.CALENDAR,
        java.util.Optional.empty(), false, true));
    assertEquals(TestReport.Outcome.PASSED, report.outcome(), report.text() + report.diagnostics());
    assertEquals(1, report.coverage().size());
    String lcov = CoverageReport.lcov(report.coverage());
    return new Seen(CoverageReport.text(report.coverage()), LcovReader.read(lcov).get("p.mcppolicy"),
        validCobertura(CoverageReport.cobertura(report.coverage(), "test")), report.coverage().get(0).points());
  }

  @TestFactory
  Stream<DynamicTest> eachKindOfPointIsCoveredOrNot() {
    return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.kind() + ": " + row.what(), () -> {
      String point = "  p.mcppolicy:" + row.line() + ": " + row.what() + "\n";
      Seen covered = run(row.policy(), row.covers(), "covers");
      assertFalse(covered.text().contains(point), covered.text());
      if (row.leaves().isEmpty()) {
        return; // 'hide *': any call covers it
      }
      Seen left = run(row.policy(), row.leaves(), "leaves");
      assertTrue(left.text().contains(point), left.text());
      assertTrue(covered.lcovTaken(row.line(), row.what()), "LCOV: taken when covered");
      assertFalse(left.lcovTaken(row.line(), row.what()), "LCOV: not taken when left");
      // Cobertura counts a line's covered points as its hits, as LCOV's DA does
      assertEquals(covered.lcovTaken(row.line()), covered.coberturaHits(row.line()), "Cobertura line " + row.line());
      assertEquals(left.lcovTaken(row.line()), left.coberturaHits(row.line()), "Cobertura line " + row.line());
    }));
  }

  @Test
  void theSummaryGivesEachPolicysFigureRoundedDown() throws Exception {
    Seen seen = run("default deny\n" + CATALOG + "allow a\n", "call a expect allow", "summary");
    assertEquals("""
        coverage: p.mcppolicy: 50.0% (1 of 2 points)
          p.mcppolicy:1: default deny: no call to a tool the policy does not list
        """, seen.text());
    assertEquals("99.9%", CoverageReport.percent(999_999));
    assertEquals("0.0%", CoverageReport.percent(0));
    assertEquals("100.0%", CoverageReport.percent(1_000_000));
  }

  @Test
  void aFileNameXmlCannotHoldStillGivesAValidCoberturaReport() throws Exception {
    String odd = "dir/p\u0001\uD800<&\">.mcppolicy";
    PolicyCoverage coverage = PolicyCoverage.of(odd, new dev.mcppolicy.model.PolicyDocument(dev.mcppolicy.model.Posture.DENY,
        List.of(), List.of(), java.util.Map.of()), dev.mcppolicy.compiler.SourceMap.empty());
    Document xml = validCobertura(CoverageReport.cobertura(List.of(coverage), "test"));
    Element c = (Element) xml.getElementsByTagName("class").item(0);
    assertEquals("dir/p\uFFFD\uFFFD<&\">.mcppolicy", c.getAttribute("filename"));
  }

  @Test
  void thresholdsAreExactPercentages() {
    assertEquals(new java.math.BigDecimal("87.5"), CoverageReport.threshold("87.5%"));
    assertEquals(new java.math.BigDecimal("0"), CoverageReport.threshold("0"));
    for (String bad : List.of("", "abc", "101", "-1", "1e2", "50.", "NaN")) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> CoverageReport.threshold(bad), bad);
      assertTrue(e.getMessage().startsWith("a coverage threshold is a percentage from 0 to 100"), e.getMessage());
    }
  }

  /** Parses {@code xml} validating against coverage-04.dtd; any error fails the test. */
  static Document validCobertura(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setValidating(true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    byte[] dtd = CoverageTest.class.getResourceAsStream("/coverage/coverage-04.dtd").readAllBytes();
    builder.setEntityResolver((publicId, systemId) -> {
      assertEquals("http://cobertura.sourceforge.net/xml/coverage-04.dtd", systemId);
      return new InputSource(new ByteArrayInputStream(dtd));
    });
    builder.setErrorHandler(new DefaultHandler() {
      @Override
      public void error(SAXParseException e) throws SAXParseException {
        throw e;
      }

      @Override
      public void warning(SAXParseException e) throws SAXParseException {
        throw e;
      }
    });
    return builder.parse(new InputSource(new StringReader(xml)));
  }
}
