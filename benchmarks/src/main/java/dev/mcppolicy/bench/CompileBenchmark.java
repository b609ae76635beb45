package dev.mcppolicy.bench;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Compiling a generated 5,000-tool policy in process: parse, check, resolve, emit. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class CompileBenchmark {
  private Path file;
  private CompileOptions options;

  @Setup
  public void setup() throws Exception {
    Path dir = Files.createTempDirectory("bench");
    file = dir.resolve("policy.mcppolicy");
    Workload.writePolicy(file, 5000);
    options = CompileOptions.defaults().withRoot(dir);
  }

  @Benchmark
  public CompileResult compile5000Tools() {
    CompileResult r = PolicyCompiler.compile(file, options);
    if (r.document().isEmpty()) {
      throw new IllegalStateException(r.diagnostics().toString());
    }
    return r;
  }
}
