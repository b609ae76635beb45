package dev.mcppolicy.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Generates the benchmark workloads, deterministically from a seed: a realistic policy (every tool
 * with conditions and two limits, plus an all-tools limit) and a trace of calls by many grants
 * with realistic arguments.
 */
public final class Workload {
  static final String[] MODELS = {"res.partner", "account.move", "sale.order", "crm.lead", "stock.picking",
      "res.users", "account.payment", "product.product", "mail.message", "ir.attachment"};

  private Workload() {}

  static String tool(int i) {
    return String.format(java.util.Locale.ROOT, "tool_%04d", i);
  }

  /** Tools per module file: the compiler refuses a source file over 1 MiB, so large policies are split. */
  static final int TOOLS_PER_MODULE = 1000;

  /**
   * Writes a policy over {@code tools} tools to {@code file}: per-tool rules and two limits, a class
   * rule and an all-tools limit. The tools (a catalog and the per-tool blocks) live in modules of
   * {@value #TOOLS_PER_MODULE} tools beside it, named {@code <file>-part-N.mcppolicy}, as a team
   * would split a large policy.
   */
  public static void writePolicy(Path file, int tools) throws IOException {
    String stem = file.getFileName().toString().replaceFirst("\\.mcppolicy$", "");
    StringBuilder main = new StringBuilder("policy \"benchmark\"\ndefault deny\n");
    for (int part = 0; part * TOOLS_PER_MODULE < tools; part++) {
      String module = stem + "-part-" + part;
      main.append("import \"./").append(module).append("\"\n");
      int from = part * TOOLS_PER_MODULE;
      Files.writeString(file.resolveSibling(module + ".mcppolicy"),
          module(part, from, Math.min(tools, from + TOOLS_PER_MODULE)), StandardCharsets.UTF_8);
    }
    main.append("allow class read\nall tools limit 100000/hour per grant\n");
    Files.writeString(file, main, StandardCharsets.UTF_8);
  }

  private static String module(int part, int from, int to) {
    StringBuilder out = new StringBuilder("catalog bench_").append(part).append(" {\n");
    String[] classes = {"read", "write", "execute"};
    for (int i = from; i < to; i++) {
      out.append("  ").append(tool(i)).append(' ').append(classes[i % 3]).append('\n');
    }
    out.append("}\n");
    for (int i = from; i < to; i++) {
      out.append("tool ").append(tool(i)).append(" {\n")
          .append("  require args.model exists message \"name the model\"\n")
          .append("  deny if args.model in [\"res.users\", \"ir.attachment\"] message \"protected model\"\n")
          .append("  deny if args.query matches \"(?i)\\\\b(delete|drop|update)\\\\b\" message \"read-only SQL\"\n")
          .append("  deny if args.limit > 500 or args.ids contains 0 message \"too broad\"\n")
          .append("  limit ").append(600 + i % 7).append("/minute\n")
          .append("  limit ").append(20000 + i).append("/hour\n")
          .append("}\n");
    }
    return out.toString();
  }

  /** Writes {@code calls} records by {@code grants} grants, about 40 ms apart, tools skewed towards a few. */
  public static void trace(Path file, int calls, int grants, int tools, long seed) throws IOException {
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    long millis = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"trace\": {\"version\": 1}}\n");
      for (int i = 0; i < calls; i++) {
        millis += 1 + random.nextInt(80);
        int t = random.nextInt(4) == 0 ? random.nextInt(tools) : random.nextInt(Math.min(tools, 20));
        String model = MODELS[random.nextInt(MODELS.length)];
        out.write("{\"ts\": \"");
        out.write(start.plusMillis(millis).toString());
        out.write("\", \"grant\": \"grant-");
        out.write(Integer.toString(random.nextInt(grants)));
        out.write("\", \"tool\": \"");
        out.write(tool(t));
        out.write("\", \"arguments\": {\"model\": \"");
        out.write(model);
        out.write("\", \"ids\": [");
        out.write(Integer.toString(1 + random.nextInt(9999)));
        out.write(", ");
        out.write(Integer.toString(1 + random.nextInt(9999)));
        out.write("], \"limit\": ");
        out.write(Integer.toString(random.nextInt(600)));
        if (random.nextInt(5) == 0) {
          out.write(", \"query\": \"SELECT id, name FROM ");
          out.write(model.replace('.', '_'));
          out.write(random.nextInt(50) == 0 ? "; DELETE FROM x" : " WHERE active");
          out.write("\"");
        }
        out.write(", \"context\": {\"lang\": \"en_US\", \"tz\": \"Europe/Sofia\"}}}\n");
      }
    }
  }
}
