package dev.mcppolicy.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Checks that a pattern is valid in the engine's dialect, Go's {@code regexp} (RE2 syntax, matched
 * in linear time), and where it is not: what Go refuses and RE2/J would accept is caught first
 * ({@link GoRegexDialect}), the rest by compiling it with RE2/J.
 */
public final class RegexCheck {
  /** Longer patterns are refused: they are never needed and only cost memory. */
  public static final int MAX_PATTERN_LENGTH = 4096;

  /**
   * Patterns already found valid: a policy often gives many tools the same pattern (a preset), and
   * checking is a pure function of the text. Bounded, so that no input grows it without limit.
   */
  private static final java.util.Set<String> VALID = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final int REMEMBERED = 1024;

  private RegexCheck() {}

  /** What is wrong with a pattern and at which char index inside it. */
  public record Problem(String message, int index) {}

  public static Optional<Problem> check(String pattern) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      return Optional.of(new Problem(
          "the pattern is longer than " + MAX_PATTERN_LENGTH + " characters", MAX_PATTERN_LENGTH));
    }
    if (VALID.contains(pattern)) {
      return Optional.empty();
    }
    Optional<Problem> go = GoRegexDialect.check(pattern); // before RE2/J, which would expand what Go refuses
    if (go.isPresent()) {
      return go;
    }
    try {
      Pattern.compile(pattern);
      if (VALID.size() < REMEMBERED) {
        VALID.add(pattern);
      }
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      // RE2/J reports the offending part of the pattern, not its index: find it.
      String description = e.getDescription();
      String fragment = fragmentOf(e.getMessage());
      int index = fragment.isEmpty() ? 0 : Math.max(0, pattern.lastIndexOf(fragment));
      if (description.startsWith("missing closing )")) {
        index = unclosedParen(pattern);
        fragment = "";
      }
      return Optional.of(new Problem("invalid RE2 pattern: " + description
          + (fragment.isEmpty() ? "" : " at '" + fragment + "'"), index));
    }
  }

  /** The last '(' that no ')' closes, skipping escapes and character classes. */
  private static int unclosedParen(String pattern) {
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        open.push(i);
      } else if (c == ')' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? 0 : open.peek();
  }

  private static String fragmentOf(String message) {
    int at = message == null ? -1 : message.indexOf(": `");
    if (at < 0 || !message.endsWith("`")) {
      return "";
    }
    return message.substring(at + 3, message.length() - 1);
  }
}
