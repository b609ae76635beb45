package dev.mcppolicy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A policy's bytes as text: decoded on the JDK's fast path, and strictly again only when the text
 * holds U+FFFD, which is either a malformed sequence or the character itself, written in the file.
 */
class DecodeTest {
  @Test
  void theReplacementCharacterWrittenInAFileIsText() {
    String text = "default deny\ntool t { deny if args.a == \"\uFFFD\" message \"bad \uFFFD\" }\n";
    Diagnostics sink = new Diagnostics();
    Optional<SourceFile> file = Parser.decode("p.mcppolicy", text.getBytes(StandardCharsets.UTF_8), sink);
    assertEquals(Optional.of(text), file.map(SourceFile::text));
    assertTrue(sink.sorted().isEmpty(), sink.sorted().toString());
  }

  @Test
  void aMalformedSequenceBesideAReplacementCharacterIsReportedWhereItIs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("# \uFFFD\nallow ".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC0); // an overlong form's first byte: never valid
    bytes.write(0x80);
    Diagnostics sink = new Diagnostics();
    assertEquals(Optional.empty(), Parser.decode("p.mcppolicy", bytes.toByteArray(), sink));
    var d = sink.sorted().get(0);
    assertEquals(dev.mcppolicy.diag.Code.E005, d.code());
    assertEquals("invalid UTF-8 byte 0xc0; a policy must be UTF-8 text", d.message());
    assertEquals(2, d.location().orElseThrow().span().line());
    assertEquals(7, d.location().orElseThrow().span().column());
  }

  @Test
  void aByteOrderMarkIsDropped() {
    Diagnostics sink = new Diagnostics();
    byte[] bytes = "\uFEFFdefault deny\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.of("default deny\n"), Parser.decode("p.mcppolicy", bytes, sink).map(SourceFile::text));
  }
}
