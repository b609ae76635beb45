package dev.mcppolicy.coverage;

import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.report.Escapes;
import java.io.IOException;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coverage of a run in the three forms docs/coverage.md describes: a summary for people, LCOV
 * ({@code lcov.info}) and Cobertura XML, which code hosts and CI servers read to show coverage on
 * the policy's own lines. A line's points are its branches; a line is hit when any of them is.
 * Same coverage, same bytes: no clock, no locale, files and lines in order.
 */
public final class CoverageReport {
  private CoverageReport() {}

  /** A percentage with one decimal, rounded down (99.99% is never shown as 100.0%). */
  public static String percent(long ppm) {
    long tenths = ppm / 1000;
    return tenths / 10 + "." + tenths % 10 + "%";
  }

  /**
   * A threshold as {@code --coverage-threshold} and {@code coverageThreshold} take it: a percentage
   * from 0 to 100, a {@code %} after it allowed ({@code 90}, {@code 87.5%}).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static BigDecimal threshold(String text) {
    String number = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
    BigDecimal value;
    try {
      value = number.matches("[0-9]+(\\.[0-9]+)?") ? new BigDecimal(number) : null;
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("a coverage threshold is a percentage from 0 to 100, as in 90 or 87.5, not '" + text + "'");
    }
    return value;
  }

  /** For each policy whose coverage is below {@code threshold} percent, the message the run fails with. */
  public static List<String> belowThreshold(List<PolicyCoverage> policies, BigDecimal threshold) {
    List<String> out = new ArrayList<>();
    for (PolicyCoverage p : policies) {
      BigDecimal covered = BigDecimal.valueOf(p.coveredCount()).multiply(BigDecimal.valueOf(100));
      BigDecimal needed = threshold.multiply(BigDecimal.valueOf(p.points().size()));
      if (covered.compareTo(needed) < 0) {
        out.add("coverage of " + p.policy() + " is " + percent(p.coveredPpm()) + " (" + p.coveredCount() + " of "
            + p.points().size() + " points), below the threshold of " + threshold.stripTrailingZeros().toPlainString() + "%");
      }
    }
    return out;
  }

  /** Writes {@code lcov.info} and {@code cobertura.xml} into {@code dir} (made if missing), each atomically. */
  public static List<Path> write(Path dir, List<PolicyCoverage> policies, String version) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path lcov = dir.resolve("lcov.info");
    Path cobertura = dir.resolve("cobertura.xml");
    AtomicFiles.write(lcov, lcov(policies));
    AtomicFiles.write(cobertura, cobertura(policies, version));
    return List.of(lcov, cobertura);
  }

  /** Each policy's figure and every point it never covered, with {@code file:line}. */
  public static String text(List<PolicyCoverage> policies) {
    StringBuilder out = new StringBuilder();
    for (PolicyCoverage p : policies) {
      out.append("coverage: ").append(p.policy()).append(": ").append(percent(p.coveredPpm())).append(" (")
          .append(p.coveredCount()).append(" of ").append(p.points().size()).append(" points)\n");
      for (Point u : p.uncovered()) {
        out.append("  ").append(u.file()).append(':').append(u.line()).append(": ").append(u.what()).append('\n');
      }
    }
    return out.toString();
  }

  /** A line of a file and its points' coverage, merged over every policy that has points there. */
  private record Line(int number, List<Boolean> points) {
    long hit() {
      return points.stream().filter(b -> b).count();
    }
  }

  /** Every file with points, each line with the coverage of its points (policies in the order given). */
  private static Map<String, Map<Integer, Line>> byFile(List<PolicyCoverage> policies) {
    Map<String, Map<Integer, Line>> files = new TreeMap<>(CodePoints.ORDER);
    for (PolicyCoverage p : policies) {
      List<Point> points = p.points();
      for (int i = 0; i < points.size(); i++) {
        Point point = points.get(i);
        files.computeIfAbsent(point.file(), f -> new TreeMap<>())
            .computeIfAbsent(point.line(), n -> new Line(n, new ArrayList<>())).points().add(p.covered(i));
      }
    }
    return files;
  }

  /**
   * LCOV tracefile, as geninfo(1) defines it: a record per file ({@code SF}), each point a branch
   * ({@code BRDA:line,0,index,taken}, taken 1 or 0), each line its covered points
   * ({@code DA:line,count}), with the totals {@code BRF BRH LF LH}.
   */
  public static String lcov(List<PolicyCoverage> policies) {
    StringBuilder out = new StringBuilder();
    byFile(policies).forEach((file, lines) -> {
      out.append("TN:mcppolicy\n").append("SF:").append(file).append('\n');
      long found = 0;
      long hit = 0;
      for (Line line : lines.values()) {
        for (int b = 0; b < line.points().size(); b++) {
          out.append("BRDA:").append(line.number()).append(",0,").append(b).append(',')
              .append(line.points().get(b) ? 1 : 0).append('\n');
        }
        found += line.points().size();
        hit += line.hit();
      }
      out.append("BRF:").append(found).append('\n').append("BRH:").append(hit).append('\n');
      for (Line line : lines.values()) {
        out.append("DA:").append(line.number()).append(',').append(line.hit()).append('\n');
      }
      out.append("LF:").append(lines.size()).append('\n')
          .append("LH:").append(lines.values().stream().filter(l -> l.hit() > 0).count()).append('\n')
          .append("end_of_record\n");
    });
    return out.toString();
  }

  /**
   * Cobertura XML (coverage-04.dtd): a package per folder, a class per file, its lines with
   * {@code hits} (covered points) and, for a line with several points, the branch figures.
   * {@code timestamp} is 0, so the same run gives the same bytes.
   */
  public static String cobertura(List<PolicyCoverage> policies, String version) {
    Map<String, Map<Integer, Line>> files = byFile(policies);
    Map<String, List<String>> packages = new TreeMap<>(CodePoints.ORDER);
    files.keySet().forEach(f -> packages.computeIfAbsent(packageOf(f), k -> new ArrayList<>()).add(f));
    long[] all = totals(files.values().stream().toList());
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n")
        .append("<coverage line-rate=\"").append(rate(all[1], all[0])).append("\" branch-rate=\"").append(rate(all[3], all[2]))
        .append("\" lines-covered=\"").append(all[1]).append("\" lines-valid=\"").append(all[0])
        .append("\" branches-covered=\"").append(all[3]).append("\" branches-valid=\"").append(all[2])
        .append("\" complexity=\"0\" version=\"").append(xml(version)).append("\" timestamp=\"0\">\n")
        .append("  <sources>\n    <source>.</source>\n  </sources>\n  <packages>\n");
    packages.forEach((name, inPackage) -> {
      long[] p = totals(inPackage.stream().map(files::get).toList());
      out.append("    <package name=\"").append(xml(name)).append("\" line-rate=\"").append(rate(p[1], p[0]))
          .append("\" branch-rate=\"").append(rate(p[3], p[2])).append("\" complexity=\"0\">\n      <classes>\n");
      for (String file : inPackage) {
        Map<Integer, Line> lines = files.get(file);
        long[] c = totals(List.of(lines));
        out.append("        <class name=\"").append(xml(className(file))).append("\" filename=\"").append(xml(file))
            .append("\" line-rate=\"").append(rate(c[1], c[0])).append("\" branch-rate=\"").append(rate(c[3], c[2]))
            .append("\" complexity=\"0\">\n          <methods/>\n          <lines>\n");
        for (Line line : lines.values()) {
          out.append("            <line number=\"").append(line.number()).append("\" hits=\"").append(line.hit()).append('"');
          if (line.points().size() < 2) {
            out.append(" branch=\"false\"/>\n");
            continue;
          }
          String percent = line.hit() * 100 / line.points().size() + "%";
          out.append(" branch=\"true\" condition-coverage=\"").append(percent).append(" (").append(line.hit()).append('/')
              .append(line.points().size()).append(")\">\n              <conditions>\n")
              .append("                <condition number=\"0\" type=\"jump\" coverage=\"").append(percent).append("\"/>\n")
              .append("              </conditions>\n            </line>\n");
        }
        out.append("          </lines>\n        </class>\n");
      }
      out.append("      </classes>\n    </package>\n");
    });
    return out.append("  </packages>\n</coverage>\n").toString();
  }

  /** Lines valid, lines covered, points, points covered. */
  private static long[] totals(List<Map<Integer, Line>> files) {
    long[] t = new long[4];
    for (Map<Integer, Line> lines : files) {
      for (Line line : lines.values()) {
        t[0]++;
        t[1] += line.hit() > 0 ? 1 : 0;
        t[2] += line.points().size();
        t[3] += line.hit();
      }
    }
    return t;
  }

  private static String rate(long covered, long valid) {
    if (valid == 0) {
      return "1";
    }
    return BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(valid), 4, RoundingMode.DOWN).stripTrailingZeros()
        .toPlainString();
  }

  /** The folder of a file, with dots: {@code samples/odoo/policy.mcppolicy} is in {@code samples.odoo}. */
  private static String packageOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "." : file.substring(0, slash).replace('/', '.');
  }

  private static String className(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /** An attribute's text: what XML 1.0 holds, markup escaped. */
  private static String xml(String s) {
    return Escapes.forXml(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
