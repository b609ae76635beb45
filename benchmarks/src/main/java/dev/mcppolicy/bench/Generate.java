package dev.mcppolicy.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the workloads to a folder: {@code policy-200.mcppolicy}, {@code policy-5000.mcppolicy},
 * {@code calls-2m.trace.jsonl} (2,000,000 calls by 50 grants) and {@code calls-8m.trace.jsonl}
 * (4x longer, for the memory check). Usage: {@code Generate DIR [--no-8m]}.
 */
public final class Generate {
  private Generate() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "workloads"));
    Workload.writePolicy(dir.resolve("policy-200.mcppolicy"), 200);
    Workload.writePolicy(dir.resolve("policy-5000.mcppolicy"), 5000);
    Workload.trace(dir.resolve("calls-2m.trace.jsonl"), 2_000_000, 50, 200, 1);
    if (args.length < 2 || !args[1].equals("--no-8m")) {
      Workload.trace(dir.resolve("calls-8m.trace.jsonl"), 8_000_000, 50, 200, 2);
    }
    System.out.println("workloads written to " + dir.toAbsolutePath());
  }
}
