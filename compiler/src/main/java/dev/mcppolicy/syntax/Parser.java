package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.grammar.McpPolicyLexer;
import dev.mcppolicy.grammar.McpPolicyParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Reads a {@code .mcppolicy} source into a {@link SourceUnit}. Every problem goes to the sink; the
 * result holds every item that parsed cleanly, so later phases can still check them.
 */
public final class Parser {
  /** Files larger than this are refused before lexing. */
  public static final int MAX_FILE_BYTES = 1 << 20;
  /** Brackets, braces and parentheses nested deeper than this are refused before parsing. */
  public static final int MAX_NESTING = 64;

  private Parser() {}

  /** The outcome of parsing: the unit and whether the syntax itself was broken. */
  public record Result(SourceUnit unit, boolean syntaxErrors) {}

  /**
   * Decodes file bytes as UTF-8 text (a byte order mark is dropped), or reports why they are not
   * text; {@code name} is the name shown in diagnostics.
   */
  public static Optional<SourceFile> decode(String name, byte[] bytes, Diagnostics sink) {
    if (bytes.length > MAX_FILE_BYTES) {
      sink.add(Diagnostic.of(Code.E006, "file is " + bytes.length + " bytes; the limit is "
          + MAX_FILE_BYTES + " bytes", new SourceFile(name, ""), dev.mcppolicy.diag.Span.NONE));
      return Optional.empty();
    }
    // The String constructor decodes with the JDK's fast path and writes U+FFFD for each malformed
    // sequence; only a text that has one (malformed, or U+FFFD written in the file) is decoded
    // again, strictly, to tell which. A CharsetDecoder alone runs a loop of its own over every
    // byte, which a short run would still be interpreting.
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      if (text.indexOf('\uFFFD') >= 0) {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
      }
    } catch (CharacterCodingException e) {
      int bad = firstInvalidByte(bytes);
      String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
      SourceFile partial = new SourceFile(name, before);
      int line = partial.lineCount();
      int column = partial.line(line).codePointCount(0, partial.line(line).length()) + 1;
      sink.add(Diagnostic.of(Code.E005, "invalid UTF-8 byte 0x"
          + String.format("%02x", bytes[bad] & 0xff) + "; a policy must be UTF-8 text",
          partial, dev.mcppolicy.diag.Span.at(line, column, 1)));
      return Optional.empty();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      SourceFile partial = new SourceFile(name, text.substring(0, nul));
      int line = partial.lineCount();
      sink.add(Diagnostic.of(Code.E005, "the file contains a NUL character; it is not a text file",
          partial, dev.mcppolicy.diag.Span.at(line, partial.line(line).codePointCount(0, partial.line(line).length()) + 1, 1)));
      return Optional.empty();
    }
    return Optional.of(new SourceFile(name, text));
  }

  public static Result parse(SourceFile file, Diagnostics sink) {
    McpPolicyLexer lexer = new McpPolicyLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    List<Token> good = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    Set<Integer> badLines = new HashSet<>();
    Set<Integer> afterBad = new HashSet<>();
    boolean lastWasBad = false;
    int depth = 0;
    boolean tooDeep = false;
    for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
      switch (t.getType()) {
        case McpPolicyLexer.UNRECOGNIZED -> {
          badLines.add(t.getLine());
          lastWasBad = true;
          sink.add(Diagnostic.of(Code.E001, "unexpected character " + quoteChar(t.getText()), file, AstBuilder.span(t)));
          continue;
        }
        case McpPolicyLexer.UNTERMINATED_STRING -> {
          badLines.add(t.getLine());
          lastWasBad = true;
          sink.add(Diagnostic.of(Code.E002, "unterminated string: a string ends with '\"' on the same line",
              file, AstBuilder.span(t)));
          continue;
        }
        case McpPolicyLexer.LBRACE, McpPolicyLexer.LBRACK, McpPolicyLexer.LPAREN -> {
          if (++depth > MAX_NESTING && !tooDeep) {
            tooDeep = true;
            sink.add(Diagnostic.of(Code.E007, "brackets are nested more than " + MAX_NESTING + " levels deep",
                file, AstBuilder.span(t)));
          }
        }
        case McpPolicyLexer.RBRACE, McpPolicyLexer.RBRACK, McpPolicyLexer.RPAREN -> depth = Math.max(0, depth - 1);
        default -> { }
      }
      if (t.getChannel() == 2) {
        comments.add(new Comment(t.getText(), AstBuilder.span(t)));
        continue;
      }
      if (lastWasBad) {
        afterBad.add(t.getStartIndex());
        lastWasBad = false;
      }
      good.add(t);
      if (t.getType() == Token.EOF) {
        break;
      }
    }
    if (tooDeep) {
      return new Result(new SourceUnit(List.of(), comments), true);
    }
    ListTokenSource source = new ListTokenSource(good, file.name());
    McpPolicyParser parser = new McpPolicyParser(new CommonTokenStream(source));
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    parser.removeErrorListeners();
    parser.setErrorHandler(new DefaultErrorStrategy() {
      // Deleting a token to continue tends to swallow the next line's keyword (a statement
      // keyword read as a window after a trailing '/'); conjuring the missing token or
      // resynchronising keeps the following lines intact.
      @Override
      protected Token singleTokenDeletion(org.antlr.v4.runtime.Parser recognizer) {
        return null;
      }
    });
    SyntaxErrorListener errors = new SyntaxErrorListener(file, sink, badLines, afterBad);
    parser.addErrorListener(errors);
    McpPolicyParser.StandaloneFileContext tree = parser.standaloneFile();
    List<Item> items = new AstBuilder(file, sink, errors.errorTokens()).items(tree);
    boolean broken = errors.count() > 0 || !badLines.isEmpty();
    return new Result(new SourceUnit(items, comments), broken);
  }

  private static String quoteChar(String text) {
    int c = text.codePointAt(0);
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
      return String.format("U+%04X", c);
    }
    return "'" + text + "'";
  }

  private static int firstInvalidByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true); // stops at the first malformed byte
    return Math.min(in.position(), bytes.length - 1);
  }
}
