package dev.mcppolicy.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates policies within the language that compile without conflicts: each selector answers
 * visibility at most once per file, and each (selector, window) has at most one limit per file,
 * over disjoint globs and disjoint classes (or disjoint risk ranges). Two files, a policy and a
 * module it imports, so that "the nearer file wins" is exercised.
 */
final class PolicyGenerator {
  static final String CATALOG = """
      catalog gen {
        t_a1 read
        t_a2 write
        t_b1 execute
        t_b2 destructive
        t_c1 write high
      }
      """;
  static final String[] TOOLS = {"t_a1", "t_a2", "t_b1", "t_b2", "t_c1", "zz"};
  private static final String[] NAMES = {"t_a1", "t_a2", "t_b1", "t_b2", "t_c1"};
  private static final String[] GLOBS = {"t_a*", "t_b?"};
  private static final String[] CLASSES = {"class read", "class write", "class execute", "class destructive"};
  private static final String[] RISKS = {"risk == low", "risk == medium", "risk >= high"};
  private static final String[] WINDOWS = {"minute", "hour", "day"};
  private static final String[] PATHS = {"args.a", "args.b", "args.n", "args.o.x", "args.\"a b\".\"x\".\"c d\"",
      "args.o.\"c d\"", "args.\"content-type\"", "args.\"caf\\u00e9\".x", "args.\"1st\".y", "args.\"q\\\"uote\""};
  private static final String[] LITERALS = {"0", "1", "5", "5.0", "-2", "\"x\"", "\"y\"", "\"abc\"", "\"5\"", "true", "null",
      "[1, \"x\"]", "{\"x\": 1}"};
  private static final String[] NUMBERS = {"0", "1", "5", "2.5", "-2", "1e1"};
  private static final String[] PATTERNS = {"\"^x\"", "\"y$\"", "\"a.c\"", "\"[0-9]\"", "\"b\""};

  private final Random random;
  private int messages;
  private int counters;

  PolicyGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** {policy, module} sources. */
  String[] generate() {
    boolean risks = random.nextBoolean();
    String module = statements(risks, false);
    String policy = "default " + (random.nextInt(3) == 0 ? "allow" : "deny") + "\nimport \"module\"\n" + CATALOG
        + statements(risks, true);
    return new String[] {policy, module};
  }

  private String statements(boolean risks, boolean root) {
    List<String> selectors = new ArrayList<>(List.of(NAMES));
    selectors.add("\"t_a1\""); // a catalog tool spelled as a string
    selectors.addAll(List.of(GLOBS));
    selectors.addAll(List.of(risks ? RISKS : CLASSES));
    StringBuilder out = new StringBuilder();
    for (String sel : selectors) {
      switch (random.nextInt(root ? 5 : 7)) {
        case 0 -> out.append("allow ").append(sel).append('\n');
        case 1 -> out.append("hide ").append(sel).append('\n');
        case 2 -> out.append("deny ").append(sel).append(random.nextBoolean() ? " message \"" + message() + "\"" : "").append('\n');
        default -> { }
      }
      if (random.nextInt(3) == 0) {
        out.append(block(sel));
      } else if (random.nextInt(3) == 0) {
        out.append("tool ").append(sel).append(' ').append(limit(WINDOWS[random.nextInt(3)], sel)).append('\n');
      }
    }
    for (String w : WINDOWS) {
      if (random.nextInt(4) == 0) {
        out.append("all tools limit ").append(1 + random.nextInt(8)).append('/').append(w)
            .append(random.nextBoolean() ? " as all_" + (counters++) : "").append('\n');
      }
    }
    return out.toString();
  }

  private String block(String sel) {
    StringBuilder out = new StringBuilder("tool ").append(sel).append(" {\n");
    for (int i = random.nextInt(4) == 0 ? 1 : 0; i > 0; i--) {
      out.append("  require ").append(conjunction()).append(random.nextBoolean() ? " message \"" + message() + "\"" : "").append('\n');
    }
    for (int i = random.nextInt(3) == 0 ? 1 : 0; i > 0; i--) {
      out.append("  deny if ").append(expression(2)).append(random.nextBoolean() ? " message \"" + message() + "\"" : "").append('\n');
    }
    List<String> windows = new ArrayList<>(List.of(WINDOWS));
    java.util.Collections.shuffle(windows, random);
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      out.append("  ").append(limit(windows.remove(0), sel)).append('\n');
    }
    return out.append("}\n").toString();
  }

  private String limit(String window, String sel) {
    boolean named = !sel.contains(" ") && !sel.contains("*") && !sel.contains("?") && random.nextInt(3) == 0;
    return "limit " + (1 + random.nextInt(4)) + "/" + window + (random.nextBoolean() ? " per grant" : "")
        + (named ? " as n_" + (counters++) : "");
  }

  private String conjunction() {
    StringBuilder out = new StringBuilder(comparison());
    for (int i = random.nextInt(2); i > 0; i--) {
      out.append(" and ").append(comparison());
    }
    return out.toString();
  }

  private String expression(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return comparison();
    }
    String left = expression(depth - 1);
    String right = expression(depth - 1);
    String joined = left + (random.nextBoolean() ? " and " : " or ") + right;
    return random.nextBoolean() ? "(" + joined + ")" : joined;
  }

  private String comparison() {
    String path = PATHS[random.nextInt(PATHS.length)];
    return switch (random.nextInt(10)) {
      case 0 -> path + " == " + pick(LITERALS);
      case 1 -> path + " != " + pick(LITERALS);
      case 2 -> path + " " + pick(new String[] {"<", "<=", ">", ">="}) + " " + pick(NUMBERS);
      case 3 -> path + " in [" + pick(LITERALS) + ", " + pick(LITERALS) + "]";
      case 4 -> path + " not in [" + pick(LITERALS) + "]";
      case 5 -> path + " matches " + pick(PATTERNS);
      case 6 -> path + " contains " + pick(LITERALS);
      case 7 -> path + " exists";
      case 8 -> path + " not exists";
      default -> path + " == " + pick(NUMBERS);
    };
  }

  private String message() {
    return "m" + (messages++);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
