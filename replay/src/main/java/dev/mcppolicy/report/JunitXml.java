package dev.mcppolicy.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Surefire-compatible JUnit XML (the format CI servers read), written with the JDK's StAX
 * writer so that escaping is never hand-made. Characters XML 1.0 cannot hold are replaced.
 */
public final class JunitXml {
  private JunitXml() {}

  /** One {@code <testsuite>} document. */
  public static String suite(SuiteResult suite) {
    return write(List.of(suite), false);
  }

  /** A {@code <testsuites>} document holding several suites. */
  public static String suites(List<SuiteResult> suites) {
    return write(suites, true);
  }

  /**
   * The report file of a suite, {@code TEST-<name>.xml}, different for every suite path, so that no
   * report overwrites another: {@code /} becomes {@code .}; letters, digits, {@code _} and {@code -}
   * stay; every other byte of the UTF-8 path, {@code .} included, becomes {@code %XX}. A test
   * file's name drops {@code .mcppolicy} (unless what is left ends with {@code .trace}); a trace's
   * drops {@code .jsonl}, so it always ends with {@code %2Etrace}. So {@code pg/monday.trace.jsonl}
   * is {@code TEST-pg.monday%2Etrace.xml} and {@code pg.monday.trace.jsonl} is
   * {@code TEST-pg%2Emonday%2Etrace.xml}.
   */
  public static String fileName(SuiteResult suite) {
    String name = suite.name();
    if (name.endsWith(".trace.jsonl")) {
      name = name.substring(0, name.length() - ".jsonl".length());
    } else if (name.endsWith(".mcppolicy") && !name.endsWith(".trace.mcppolicy")) {
      name = name.substring(0, name.length() - ".mcppolicy".length());
    }
    StringBuilder out = new StringBuilder("TEST-");
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '/') {
        out.append('.');
      } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.append(".xml").toString();
  }

  public static void write(String xml, OutputStream out) throws IOException {
    out.write(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String write(List<SuiteResult> suites, boolean wrapped) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      if (wrapped) {
        w.writeStartElement("testsuites");
        w.writeCharacters("\n");
      }
      for (SuiteResult s : suites) {
        suite(w, s);
      }
      if (wrapped) {
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
    return text.toString();
  }

  private static void suite(XMLStreamWriter w, SuiteResult s) throws XMLStreamException {
    double time = s.cases().stream().mapToDouble(CaseResult::seconds).sum();
    w.writeStartElement("testsuite");
    w.writeAttribute("name", Escapes.forXml(s.name()));
    w.writeAttribute("tests", Integer.toString(s.cases().size()));
    w.writeAttribute("failures", Long.toString(s.failures()));
    w.writeAttribute("errors", Long.toString(s.errors()));
    w.writeAttribute("skipped", "0");
    w.writeAttribute("time", seconds(time));
    w.writeCharacters("\n");
    for (CaseResult c : s.cases()) {
      w.writeCharacters("  ");
      w.writeStartElement("testcase");
      w.writeAttribute("name", Escapes.forXml(c.name()));
      w.writeAttribute("classname", Escapes.forXml(c.className()));
      w.writeAttribute("time", seconds(c.seconds()));
      if (c.failure().isPresent()) {
        w.writeCharacters("\n    ");
        w.writeStartElement("failure");
        w.writeAttribute("message", Escapes.forXml(c.failure().get()));
        w.writeAttribute("type", "expectation");
        w.writeCharacters(Escapes.forXml(c.detail()));
        w.writeEndElement();
        w.writeCharacters("\n  ");
      } else if (c.error().isPresent()) {
        w.writeCharacters("\n    ");
        w.writeStartElement("error");
        w.writeAttribute("message", Escapes.forXml(c.error().get()));
        w.writeAttribute("type", "input");
        w.writeCharacters(Escapes.forXml(c.detail()));
        w.writeEndElement();
        w.writeCharacters("\n  ");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
    }
    if (!s.warnings().isEmpty()) {
      w.writeCharacters("  ");
      w.writeStartElement("system-err");
      w.writeCharacters(Escapes.forXml(String.join("\n", s.warnings())));
      w.writeEndElement();
      w.writeCharacters("\n");
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
