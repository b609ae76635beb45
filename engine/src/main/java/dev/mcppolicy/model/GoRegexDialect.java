package dev.mcppolicy.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What Go's {@code regexp} (the engine's dialect, Go 1.19) refuses and RE2/J accepts, checked
 * before RE2/J ever compiles the pattern: repetitions whose counts, nested, multiply past 1000
 * ({@code (a{10}){101}}: RE2/J would expand {@code ((a{1000}){1000}){1000}} into a billion
 * instructions), and the {@code (?<name>re)} group. The walk follows Go's parser: a repetition
 * {@code {n}}, {@code {n,}} or {@code {n,m}} with a count of 2 or more is valid when every
 * repetition inside it still fits in 1000 divided by its count (Go's {@code repeatIsValid}). An
 * unmatched {@code )} is reported here too (RE2/J fails on it with an internal error). Everything
 * else is left to RE2/J, which is a port of Go's parser.
 */
final class GoRegexDialect {
  static final int MAX_REPEAT = 1000;

  /**
   * The most pieces a pattern may expand to, its repetitions written out ({@code a{1000}b} is
   * 1,001). Go has no such limit below millions, but matching costs about this many steps per
   * byte of the argument: with it, a decision costs at most about 25 ms per kilobyte of a
   * non-matching argument (docs/performance.md, "Regexes"). It is three times the largest single
   * repetition Go allows, and above every pattern of the engine's own examples.
   */
  static final int MAX_EXPANDED = 3000;

  private GoRegexDialect() {}

  /** A piece of the pattern: a repetition (min, max; max -1 when open, min -1 for * + ?) over its children. */
  private record Node(int min, int max, List<Node> children) {
    static Node leaf() {
      return new Node(-1, -1, List.of());
    }
  }

  static Optional<RegexCheck.Problem> check(String p) {
    Deque<List<Node>> frames = new ArrayDeque<>();
    frames.push(new ArrayList<>());
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      List<Node> frame = frames.peek();
      switch (c) {
        case '\\' -> {
          i = afterEscape(p, i);
          frame.add(Node.leaf());
          continue;
        }
        case '[' -> {
          i = afterClass(p, i);
          frame.add(Node.leaf());
          continue;
        }
        case '(' -> {
          if (p.startsWith("(?<", i)) { // named groups came in Go 1.22; lookbehind never
            return Optional.of(new RegexCheck.Problem("invalid RE2 pattern: invalid or unsupported Perl syntax at '(?<'", i));
          }
          int body = i + 1;
          if (p.startsWith("(?P<", i)) {
            int end = p.indexOf('>', i);
            body = end < 0 ? p.length() : end + 1;
          } else if (p.startsWith("(?", i)) {
            int end = i + 2;
            while (end < p.length() && p.charAt(end) != ')' && p.charAt(end) != ':') {
              end++;
            }
            if (end < p.length() && p.charAt(end) == ')') {
              i = end + 1; // (?i): flags for what follows, not a group
              continue;
            }
            body = Math.min(p.length(), end + 1); // (?:...) and (?i:...)
          }
          frames.push(new ArrayList<>());
          i = body;
          continue;
        }
        case ')' -> {
          if (frames.size() == 1) { // RE2/J fails here with an internal error
            return Optional.of(new RegexCheck.Problem("invalid RE2 pattern: unexpected ) at ')'", i));
          }
          List<Node> inner = frames.pop();
          frames.peek().add(new Node(-1, -1, inner));
          i++;
          continue;
        }
        case '|' -> {
          i++; // alternatives add up like a sequence
          continue;
        }
        case '*', '+', '?' -> {
          wrapLast(frame, -1, -1);
          i++;
          continue;
        }
        case '{' -> {
          int[] repeat = repeat(p, i);
          if (repeat == null) {
            frame.add(Node.leaf()); // a literal '{'
            i++;
            continue;
          }
          int end = repeat[2];
          Node wrapped = wrapLast(frame, repeat[0], repeat[1]);
          boolean checked = repeat[0] >= 2 || repeat[1] >= 2;
          if (wrapped != null && checked && repeat[0] <= MAX_REPEAT && repeat[1] <= MAX_REPEAT
              && !repeatIsValid(wrapped, MAX_REPEAT)) {
            return Optional.of(new RegexCheck.Problem("invalid RE2 pattern: invalid repeat count at '"
                + p.substring(i, end) + "': nested repetitions may repeat the innermost piece at most "
                + MAX_REPEAT + " times", i));
          }
          i = end;
          continue;
        }
        default -> {
          frame.add(Node.leaf());
          i += Character.charCount(p.codePointAt(i));
        }
      }
    }
    while (frames.size() > 1) { // an unclosed group: RE2/J reports it; count what it holds
      List<Node> inner = frames.pop();
      frames.peek().add(new Node(-1, -1, inner));
    }
    long expanded = size(frames.peek());
    if (expanded > MAX_EXPANDED) {
      return Optional.of(new RegexCheck.Problem("the pattern is too large: with its repetitions written out it has "
          + (expanded >= LARGE ? "more than " + LARGE : String.valueOf(expanded)) + " pieces, at most " + MAX_EXPANDED
          + " (matching costs that many steps for each character of an argument)", 0));
    }
    return Optional.empty();
  }

  private static final long LARGE = 1_000_000_000L;

  /** The pieces of {@code nodes} with every repetition written out, saturating at LARGE. */
  private static long size(List<Node> nodes) {
    long total = 0;
    for (Node n : nodes) {
      long inner = n.children.isEmpty() ? 1 : size(n.children);
      if (n.min >= 0) {
        inner *= n.max >= 0 ? Math.max(n.max, 1) : n.min + 1L;
      }
      total = Math.min(LARGE, total + Math.min(LARGE, inner));
    }
    return total;
  }

  /** Replaces the frame's last node with a repetition of it; null when there is nothing to repeat. */
  private static Node wrapLast(List<Node> frame, int min, int max) {
    if (frame.isEmpty()) {
      return null; // RE2/J reports the missing argument
    }
    Node wrapped = new Node(min, max, List.of(frame.remove(frame.size() - 1)));
    frame.add(wrapped);
    return wrapped;
  }

  /** Go's repeatIsValid: the repetitions nested in {@code node} repeat the innermost piece at most n times. */
  private static boolean repeatIsValid(Node node, int n) {
    if (node.min >= 0) { // an explicit count: {n}, {n,} or {n,m}
      int m = node.max;
      if (m == 0) {
        return true;
      }
      if (m < 0) {
        m = node.min;
      }
      if (m > n) {
        return false;
      }
      if (m > 0) {
        n /= m;
      }
    }
    for (Node child : node.children) {
      if (!repeatIsValid(child, n)) {
        return false;
      }
    }
    return true;
  }

  /** {min, max (-1 when open), end index} of a repetition {n}, {n,} or {n,m} at i; null when '{' is a literal. */
  private static int[] repeat(String p, int i) {
    int j = i + 1;
    int start = j;
    while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) {
      j++;
    }
    if (j == start || j - start > 8) {
      return j == start ? null : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Math.min(p.length(), j + 1)};
    }
    int min = Integer.parseInt(p.substring(start, j));
    int max = min;
    if (j < p.length() && p.charAt(j) == ',') {
      j++;
      int second = j;
      while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) {
        j++;
      }
      if (j - second > 8) {
        return new int[] {min, Integer.MAX_VALUE, Math.min(p.length(), j + 1)};
      }
      max = j == second ? -1 : Integer.parseInt(p.substring(second, j));
    }
    if (j >= p.length() || p.charAt(j) != '}') {
      return null;
    }
    return new int[] {min, max, j + 1};
  }

  /** The index after an escape: \Q...\E, \x{...}, \p{...} and \P{...} whole, else the backslash and one character. */
  private static int afterEscape(String p, int i) {
    if (i + 1 >= p.length()) {
      return p.length();
    }
    char e = p.charAt(i + 1);
    if (e == 'Q') {
      int end = p.indexOf("\\E", i + 2);
      return end < 0 ? p.length() : end + 2;
    }
    if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
      int end = p.indexOf('}', i + 3);
      return end < 0 ? p.length() : end + 1;
    }
    return i + 1 + Character.charCount(p.codePointAt(i + 1));
  }

  /** The index after a character class [...], with ] first, [:name:] and escapes inside it. */
  private static int afterClass(String p, int i) {
    int j = i + 1;
    if (j < p.length() && p.charAt(j) == '^') {
      j++;
    }
    if (j < p.length() && p.charAt(j) == ']') {
      j++;
    }
    while (j < p.length()) {
      char c = p.charAt(j);
      if (c == '\\') {
        j = afterEscape(p, j);
      } else if (c == '[' && p.startsWith("[:", j)) {
        int end = p.indexOf(":]", j + 2);
        j = end < 0 ? j + 1 : end + 2;
      } else if (c == ']') {
        return j + 1;
      } else {
        j++;
      }
    }
    return p.length();
  }
}
