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

  /** A policy over {@code tools} tools: a catalog, per-tool rules and two limits, an all-tools limit. */
  public static String policy(int tools) {
    StringBuilder out = new StringBuilder("policy \"benchmark\"\ndefault deny\ncatalog bench {\n");
    String[] classes = {"read", "write", "execute"};
    for (int i = 0; i < tools; i++) {
      out.append("  ").append(tool(i)).append(' ').append(classes[i % 3]).append('\n');
    }
    out.append("}\nallow class read\n");
    for (int i = 0; i < tools; i++) {
      out.append("tool ").append(tool(i)).append(" {\n")
          .append("  require args.model exists message \"name the model\"\n")
          .append("  deny if args.model in [\"res.users\", \"ir.attachment\"] message \"protected model\"\n")
          .append("  deny if args.query matches \"(?i)\\\\b(delete|drop|update)\\\\b\" message \"read-only SQL\"\n")
          .append("  deny if args.limit > 500 or args.ids contains 0 message \"too broad\"\n")
          .append("  limit ").append(600 + i % 7).append("/minute\n")
          .append("  limit ").append(20000 + i).append("/hour\n")
          .append("}\n");
    }
    out.append("all tools limit 100000/hour per grant\n");
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
