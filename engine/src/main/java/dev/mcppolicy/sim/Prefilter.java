package dev.mcppolicy.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cheap test that rules out most strings a pattern cannot match, before RE2/J runs: the literal
 * strings of which every match must contain at least one (for {@code (?i)\b(delete|drop)\b}, "delete"
 * or "drop", ignoring case). RE2/J searches with an NFA, so a pattern that is mostly literals costs
 * about a microsecond per string; the prefilter is an {@code indexOf}.
 *
 * <p>The analysis reads a conservative subset of RE2 syntax: literals, escaped punctuation, the
 * classes {@code . \d \w \s [...]}, the assertions {@code ^ $ \b \B \A \z}, groups, alternation and
 * the repetitions {@code * + ? {n,m}}, with flags only in a leading {@code (?flags)}. Anything else
 * gives no prefilter, and RE2/J decides every string, as before. Ignoring case is done for ASCII
 * only: a string with any other character skips the prefilter, because RE2 folds a few of them onto
 * ASCII letters (the Kelvin sign onto k, for one). Never wrong, only sometimes absent: a property
 * test checks that it never rules out a string RE2/J matches.
 */
final class Prefilter {
  /** Sets larger than this stop being exact: the analysis keeps its cost and the test's small. */
  private static final int MAX_SET = 16;

  private final String[] literals;
  private final boolean ignoreCase;
  /** Ignoring case: whether an ASCII character may start one of the literals (either case). */
  private final boolean[] starts = new boolean[128];

  private Prefilter(String[] literals, boolean ignoreCase) {
    this.literals = literals;
    this.ignoreCase = ignoreCase;
    for (String l : literals) {
      char c = l.charAt(0);
      if (c < 128) {
        starts[c] = true;
        starts[Character.toUpperCase(c)] = true; // the literals of an ignore-case prefilter are lower-case ASCII
      }
    }
  }

  /** The prefilter of a pattern, or null when the pattern has none worth using. */
  static Prefilter of(String pattern) {
    try {
      Analysis a = new Parser(pattern).parse();
      if (a == null) {
        return null;
      }
      Set<String> required = a.requirement();
      if (required == null || required.isEmpty()) {
        return null;
      }
      for (String s : required) {
        if (s.length() < 2) {
          return null; // a single character rules out too little to be worth a pass
        }
      }
      return new Prefilter(required.toArray(new String[0]), a.ignoreCase);
    } catch (GiveUp e) {
      return null;
    }
  }

  /** False only when the pattern cannot match {@code s}. */
  boolean mayMatch(String s) {
    if (ignoreCase) {
      // one pass: any non-ASCII character sends the string to the regex; a literal is looked for
      // only where one could start
      boolean candidate = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          return true;
        }
        if (!candidate && starts[c]) {
          candidate = startsAny(s, i);
        }
      }
      return candidate;
    }
    for (String l : literals) {
      if (s.contains(l)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one of the literals (lower-case ASCII) starts at {@code i} in {@code s}, ignoring ASCII case. */
  private boolean startsAny(String s, int i) {
    for (String l : literals) {
      int n = l.length();
      if (i + n <= s.length()) {
        int k = 0;
        while (k < n && fold(s.charAt(i + k)) == l.charAt(k)) {
          k++;
        }
        if (k == n) {
          return true;
        }
      }
    }
    return false;
  }

  /** The literals, one of which a match contains: for tests and the docs. */
  List<String> literals() {
    return List.of(literals);
  }

  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Thrown for any syntax the analysis does not read: the pattern gets no prefilter. */
  private static final class GiveUp extends Exception {
    GiveUp() {
      super(null, null, false, false);
    }
  }

  /**
   * What a piece of the pattern matches: exactly one of a small set of strings ({@code exact}), or
   * else strings that each contain one of {@code required} (null: no requirement known).
   */
  private record Piece(Set<String> exact, Set<String> required) {
    static final Piece ANY = new Piece(null, null);
    static final Piece EMPTY = new Piece(Set.of(""), null);

    /** What every match contains one of, or null. */
    Set<String> requirement() {
      if (exact != null && !exact.contains("")) {
        return exact;
      }
      return required;
    }
  }

  private record Analysis(Piece piece, boolean ignoreCase) {
    Set<String> requirement() {
      return piece.requirement();
    }
  }

  /** A recursive-descent reader of the subset above. */
  private static final class Parser {
    private final String p;
    private int i;
    private boolean ignoreCase;

    Parser(String pattern) {
      this.p = pattern;
    }

    Analysis parse() throws GiveUp {
      if (p.startsWith("(?")) {
        int close = p.indexOf(')');
        String flags = close < 0 ? "" : p.substring(2, close);
        if (!flags.isEmpty() && flags.chars().allMatch(c -> c == 'i' || c == 's' || c == 'm' || c == 'U')) {
          ignoreCase = flags.indexOf('i') >= 0;
          i = close + 1;
        }
      }
      Piece piece = alternation();
      if (i != p.length()) {
        throw new GiveUp();
      }
      return new Analysis(piece, ignoreCase);
    }

    private Piece alternation() throws GiveUp {
      Piece result = concatenation();
      while (i < p.length() && p.charAt(i) == '|') {
        i++;
        result = or(result, concatenation());
      }
      return result;
    }

    /**
     * A sequence: runs of exact pieces multiply out into exact strings ({@code ab(c|d)} is abc or
     * abd); the result is the whole product when the sequence is one run, else the most selective
     * requirement among the runs and the other pieces.
     */
    private Piece concatenation() throws GiveUp {
      Piece run = Piece.EMPTY;
      Set<String> best = null;
      boolean whole = true;
      while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
        Piece next = repetition();
        Piece joined = next.exact() == null ? null : then(run, next);
        if (joined != null && joined.exact() != null) {
          run = joined;
          continue;
        }
        whole = false;
        best = better(best, run.requirement());
        if (next.exact() != null) {
          run = next;
        } else {
          best = better(best, next.requirement());
          run = Piece.EMPTY;
        }
      }
      return whole ? run : new Piece(null, better(best, run.requirement()));
    }

    private Piece repetition() throws GiveUp {
      Piece atom = atom();
      while (i < p.length()) {
        char c = p.charAt(i);
        int min;
        if (c == '*' || c == '?') {
          min = 0;
          i++;
        } else if (c == '+') {
          min = 1;
          i++;
        } else if (c == '{') {
          min = braces();
        } else {
          break;
        }
        if (i < p.length() && p.charAt(i) == '?') {
          i++; // non-greedy: the same strings
        }
        atom = min == 0 ? Piece.ANY : new Piece(null, atom.requirement());
      }
      return atom;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}}: returns n; anything else gives up. */
    private int braces() throws GiveUp {
      int close = p.indexOf('}', i);
      if (close < 0 || !p.substring(i + 1, close).matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
        throw new GiveUp();
      }
      String spec = p.substring(i + 1, close);
      i = close + 1;
      return Integer.parseInt(spec.contains(",") ? spec.substring(0, spec.indexOf(',')) : spec);
    }

    private Piece atom() throws GiveUp {
      char c = p.charAt(i);
      switch (c) {
        case '(' -> {
          i++;
          if (p.startsWith("?:", i)) {
            i += 2;
          } else if (p.startsWith("?P<", i) || p.startsWith("?<", i)) {
            int close = p.indexOf('>', i);
            if (close < 0) {
              throw new GiveUp();
            }
            i = close + 1;
          } else if (p.startsWith("?", i)) {
            throw new GiveUp(); // flags inside the pattern
          }
          Piece inner = alternation();
          if (i >= p.length() || p.charAt(i) != ')') {
            throw new GiveUp();
          }
          i++;
          return inner;
        }
        case '.' -> {
          i++;
          return Piece.ANY;
        }
        case '^', '$' -> {
          i++;
          return Piece.EMPTY;
        }
        case '[' -> {
          skipClass();
          return Piece.ANY;
        }
        case '\\' -> {
          return escape();
        }
        case '*', '+', '?', '{', ')', '|' -> throw new GiveUp();
        default -> {
          i++;
          return literal(c);
        }
      }
    }

    private Piece escape() throws GiveUp {
      if (i + 1 >= p.length()) {
        throw new GiveUp();
      }
      char c = p.charAt(i + 1);
      i += 2;
      if ("dDwWsS".indexOf(c) >= 0) {
        return Piece.ANY;
      }
      if ("bBAz".indexOf(c) >= 0) {
        return Piece.EMPTY;
      }
      if (c == 'n' || c == 't' || c == 'r' || c == 'f') {
        return literal(switch (c) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> '\f';
        });
      }
      if (c < 0x80 && !Character.isLetterOrDigit(c)) {
        return literal(c); // escaped punctuation stands for itself
      }
      throw new GiveUp();
    }

    /** Skips a bracketed class; gives up on anything but plain members, ranges and escapes. */
    private void skipClass() throws GiveUp {
      i++;
      if (i < p.length() && p.charAt(i) == '^') {
        i++;
      }
      boolean first = true;
      while (i < p.length()) {
        char c = p.charAt(i);
        if (c == ']' && !first) {
          i++;
          return;
        }
        if (c == '[') {
          throw new GiveUp(); // [[:alpha:]] and the like
        }
        i += c == '\\' ? 2 : 1;
        first = false;
      }
      throw new GiveUp();
    }

    private Piece literal(char c) throws GiveUp {
      if (ignoreCase) {
        if (c >= 0x80) {
          throw new GiveUp();
        }
        c = Character.toLowerCase(c);
      } else if (Character.isSurrogate(c)) {
        throw new GiveUp();
      }
      return new Piece(Set.of(String.valueOf(c)), null);
    }
  }

  /** Matches of {@code a} followed by matches of {@code b}. */
  private static Piece then(Piece a, Piece b) {
    if (a.exact() != null && b.exact() != null && (long) a.exact().size() * b.exact().size() <= MAX_SET) {
      Set<String> product = new LinkedHashSet<>();
      for (String x : a.exact()) {
        for (String y : b.exact()) {
          product.add(x + y);
        }
      }
      return new Piece(product, null);
    }
    return new Piece(null, better(a.requirement(), b.requirement()));
  }

  /** Matches of {@code a} or of {@code b}. */
  private static Piece or(Piece a, Piece b) {
    if (a.exact() != null && b.exact() != null && a.exact().size() + b.exact().size() <= MAX_SET) {
      Set<String> union = new LinkedHashSet<>(a.exact());
      union.addAll(b.exact());
      return new Piece(union, null);
    }
    Set<String> x = a.requirement();
    Set<String> y = b.requirement();
    if (x == null || y == null || x.size() + y.size() > MAX_SET) {
      return Piece.ANY;
    }
    Set<String> union = new LinkedHashSet<>(x);
    union.addAll(y);
    return new Piece(null, union);
  }

  /** The more selective of two requirements: the one whose shortest string is longer. */
  private static Set<String> better(Set<String> x, Set<String> y) {
    if (x == null || x.contains("")) {
      return y == null || y.contains("") ? null : y;
    }
    if (y == null || y.contains("")) {
      return x;
    }
    return shortest(y) > shortest(x) ? y : x;
  }

  private static int shortest(Set<String> set) {
    int min = Integer.MAX_VALUE;
    for (String s : set) {
      min = Math.min(min, s.length());
    }
    return min;
  }

  @Override
  public String toString() {
    List<String> shown = new ArrayList<>(List.of(literals));
    return (ignoreCase ? "(?i)" : "") + String.join("|", shown).toLowerCase(Locale.ROOT);
  }
}
