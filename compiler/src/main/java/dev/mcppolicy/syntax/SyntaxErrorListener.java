package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.grammar.McpPolicyLexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics that speak the author's words: "expected a window
 * (minute, hour or day) after '/'" rather than a token set. One error per line: what follows a
 * first error on the same line is usually its echo.
 */
final class SyntaxErrorListener extends BaseErrorListener {
  private static final Set<Integer> ITEM_STARTS = Set.of(McpPolicyLexer.ALLOW, McpPolicyLexer.HIDE,
      McpPolicyLexer.TOOL, McpPolicyLexer.ALL, McpPolicyLexer.TEST, McpPolicyLexer.IMPORT);
  private static final Set<Integer> RULE_STARTS = Set.of(McpPolicyLexer.REQUIRE, McpPolicyLexer.LIMIT);
  private static final Set<Integer> STEP_STARTS = Set.of(McpPolicyLexer.CALL, McpPolicyLexer.AFTER, McpPolicyLexer.REPLAY);

  private final SourceFile file;
  private final Diagnostics sink;
  private final Set<Integer> linesWithErrors;
  private int count;
  private final Set<Integer> errorTokens = new HashSet<>();

  private final Set<Integer> afterBadToken;

  /**
   * @param linesWithLexicalErrors lines already reported by the lexer
   * @param afterBadToken start offsets of tokens that follow a bad one: an error there is an echo
   */
  SyntaxErrorListener(SourceFile file, Diagnostics sink, Set<Integer> linesWithLexicalErrors, Set<Integer> afterBadToken) {
    this.file = file;
    this.sink = sink;
    this.linesWithErrors = new HashSet<>(linesWithLexicalErrors);
    this.afterBadToken = afterBadToken;
  }

  int count() {
    return count;
  }

  /** Token indexes of every offending token, including the errors not reported as echoes. */
  Set<Integer> errorTokens() {
    return errorTokens;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
      String antlrMessage, RecognitionException e) {
    count++;
    Token found = (Token) offendingSymbol;
    errorTokens.add(found.getTokenIndex());
    if (afterBadToken.contains(found.getStartIndex())) {
      return;
    }
    Parser parser = (Parser) recognizer;
    IntervalSet expected = e != null && e.getExpectedTokens() != null && !e.getExpectedTokens().isNil()
        ? e.getExpectedTokens() : parser.getExpectedTokens();
    Token previous = previous(parser.getInputStream(), found);
    String message = "expected " + describeExpected(expected, previous) + ", found " + describe(found);
    Span span = found.getType() == Token.EOF
        ? Span.at(Math.max(1, line), column + 1, 1)
        : AstBuilder.span(found);
    if (previous != null && (found.getType() == Token.EOF || found.getLine() > previous.getLine())
        && !startsSomething(expected)) {
      // something is missing at the end of the previous line: point there, not at the next line
      Span after = AstBuilder.span(previous);
      span = Span.at(after.endLine(), after.endColumn(), 1);
    }
    if (!linesWithErrors.add(span.line())) {
      return;
    }
    Diagnostic d = Diagnostic.of(Code.E004, message, file, span);
    String help = help(found, expected);
    sink.add(help == null ? d : d.withHelp(help));
  }

  /** Whether the parser was between constructs: then the found token itself is the mistake. */
  private static boolean startsSomething(IntervalSet expected) {
    List<Integer> types = expected.toList();
    return types.containsAll(ITEM_STARTS) || types.containsAll(RULE_STARTS) || types.containsAll(STEP_STARTS);
  }

  private static Token previous(TokenStream tokens, Token found) {
    for (int i = found.getTokenIndex() - 1; i >= 0; i--) {
      Token t = tokens.get(i);
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return t;
      }
    }
    return null;
  }

  private static String describeExpected(IntervalSet expected, Token previous) {
    List<Integer> types = expected.toList();
    int prev = previous == null ? -1 : previous.getType();
    if (prev == McpPolicyLexer.DENY && types.contains(McpPolicyLexer.IF) && !types.contains(McpPolicyLexer.ID)) {
      return "'if' after 'deny' in a tool block, as in 'deny if args.amount > 100'";
    }
    if ((prev == McpPolicyLexer.IF || prev == McpPolicyLexer.REQUIRE || prev == McpPolicyLexer.AND
        || prev == McpPolicyLexer.OR) && types.contains(McpPolicyLexer.ID)) {
      return "a condition, as in 'args.amount > 100'";
    }
    if ((prev == McpPolicyLexer.ALLOW || prev == McpPolicyLexer.HIDE || prev == McpPolicyLexer.DENY
        || prev == McpPolicyLexer.TOOL || prev == McpPolicyLexer.COMMA) && types.contains(McpPolicyLexer.CLASS)) {
      return "a tool name, a glob, 'class CLASS' or 'risk OP LEVEL'";
    }
    if (prev == McpPolicyLexer.SLASH && types.contains(McpPolicyLexer.ID)) {
      return "a window (minute, hour or day) after '/'";
    }
    if (prev == McpPolicyLexer.LIMIT && types.contains(McpPolicyLexer.NUMBER)) {
      return "a count after 'limit', as in 'limit 10/minute'";
    }
    if (types.contains(McpPolicyLexer.SLASH) && prev == McpPolicyLexer.NUMBER) {
      return "'/' and a window after the count, as in '10/minute'";
    }
    if (prev == McpPolicyLexer.IMPORT) {
      return "the module to import as a string, as in 'import \"std/presets/recommended\"'";
    }
    if (prev == McpPolicyLexer.PER && types.contains(McpPolicyLexer.ID)) {
      return "'grant' after 'per'";
    }
    if (types.containsAll(ITEM_STARTS)) {
      return "a statement (allow, deny, hide, tool, all tools), an import or a test";
    }
    if (types.containsAll(RULE_STARTS) && types.contains(McpPolicyLexer.RBRACE)) {
      return "a rule (require, deny if or limit) or '}'";
    }
    if (types.containsAll(STEP_STARTS) && types.contains(McpPolicyLexer.RBRACE)) {
      return "a test step (grant, at, after, call or replay) or '}'";
    }
    if (types.contains(McpPolicyLexer.EXPECT) && types.size() <= 4 && prev != McpPolicyLexer.CALL) {
      return "'expect allow' or 'expect deny'";
    }
    if (types.contains(McpPolicyLexer.STRING) && types.contains(McpPolicyLexer.NUMBER)
        && types.contains(McpPolicyLexer.LBRACK) && types.contains(McpPolicyLexer.TRUE)) {
      return "a value (a string, a number, true, false, null, a list or an object)";
    }
    if (types.contains(McpPolicyLexer.EQ) && types.contains(McpPolicyLexer.IN)) {
      return "an operator (==, !=, <, <=, >, >=, in, not in, matches, contains, exists)";
    }
    List<String> words = new ArrayList<>();
    boolean identifier = types.contains(McpPolicyLexer.ID);
    if (identifier) {
      words.add(prev == McpPolicyLexer.CALL || prev == McpPolicyLexer.TOOL || prev == McpPolicyLexer.COMMA
          ? "a tool name" : "a name");
    }
    for (int type : types) {
      if (identifier && (isWord(type) || type == McpPolicyLexer.GLOB)) {
        continue;
      }
      String w = word(type);
      if (w != null && !words.contains(w)) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return "something else";
    }
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  private static boolean isWord(int type) {
    String literal = McpPolicyLexer.VOCABULARY.getLiteralName(type);
    return literal != null && Character.isLetter(literal.charAt(1));
  }

  private static String word(int type) {
    return switch (type) {
      case Token.EOF -> "end of file";
      case McpPolicyLexer.STRING -> "a string";
      case McpPolicyLexer.NUMBER -> "a number";
      case McpPolicyLexer.DURATION -> "a duration (such as 500ms, 30s, 5m, 2h or 1d)";
      case McpPolicyLexer.GLOB -> "a glob";
      case McpPolicyLexer.ID -> "a name";
      default -> {
        String literal = McpPolicyLexer.VOCABULARY.getLiteralName(type);
        yield literal;
      }
    };
  }

  static String describe(Token t) {
    return switch (t.getType()) {
      case Token.EOF -> "end of file";
      case McpPolicyLexer.STRING -> "the string " + t.getText();
      case McpPolicyLexer.NUMBER -> "the number " + t.getText();
      default -> "'" + t.getText() + "'";
    };
  }

  /** A keyword the author probably meant, among those expected here. */
  private static String help(Token found, IntervalSet expected) {
    if (found.getType() != McpPolicyLexer.ID && found.getType() != McpPolicyLexer.GLOB) {
      return null;
    }
    List<String> keywords = new ArrayList<>();
    for (int type : expected.toList()) {
      if (isWord(type)) {
        String literal = McpPolicyLexer.VOCABULARY.getLiteralName(type);
        keywords.add(literal.substring(1, literal.length() - 1));
      }
    }
    return Suggestions.closest(found.getText(), keywords).map(k -> "did you mean '" + k + "'?").orElse(null);
  }
}
