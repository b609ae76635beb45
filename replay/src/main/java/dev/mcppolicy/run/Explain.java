package dev.mcppolicy.run;

import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Explanation;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.TraceReader;
import dev.mcppolicy.trace.TraceRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code mcppolicy explain}: one call explained against a policy, with fresh counters, or the
 * call on one line of a trace, with the counters as a replay of that trace leaves them just
 * before it (docs/explain.md).
 */
public final class Explain {
  private Explain() {}

  /** What explaining came to: the explanation, or the problems that prevented it (E601). */
  public record Result(Optional<Explanation> explanation, List<Diagnostic> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** One call, decided with fresh counters. */
  public static Explanation call(LoadedPolicy policy, Call call, WindowMode windows) {
    return Simulator.of(policy.document().orElseThrow(), windows).explain(call);
  }

  /**
   * The record on line {@code line} of {@code trace}, after every record a replay would decide
   * before it: those earlier in timestamp order, equal instants in file order. A trace in
   * timestamp order is read once, up to the line and then to its end (a later record that is
   * earlier in time would come first in a replay); one out of order is read again, and the
   * records that come before the line are sorted.
   */
  public static Result atLine(LoadedPolicy policy, Path trace, String name, int line, WindowMode windows)
      throws IOException {
    Simulator simulator = Simulator.of(policy.document().orElseThrow(), windows);
    TraceRecord target = null;
    TraceRecord last = null;
    boolean inOrder = true;
    try (TraceReader reader = TraceReader.open(trace, name)) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        if (e.problem() != null) {
          return new Result(Optional.empty(), List.of(e.problem().diagnostic()));
        }
        TraceRecord r = e.record();
        inOrder &= last == null || !r.call().at().isBefore(last.call().at());
        last = r;
        if (r.line() < line && inOrder) {
          simulator.decide(r.call());
        } else if (r.line() == line) {
          target = r;
        }
      }
    }
    if (target == null) {
      return new Result(Optional.empty(), List.of(new dev.mcppolicy.trace.TraceProblem(name, line,
          "not a record of the trace (a header, a blank or comment line, or past its end)").diagnostic()));
    }
    if (inOrder) {
      return new Result(Optional.of(simulator.explain(target.call())), List.of());
    }
    return new Result(Optional.of(sortedBefore(policy, trace, name, target, windows).explain(target.call())), List.of());
  }

  /** A fresh simulator that has decided, in timestamp order, every record a sorted replay decides before {@code target}. */
  private static Simulator sortedBefore(LoadedPolicy policy, Path trace, String name, TraceRecord target, WindowMode windows)
      throws IOException {
    Comparator<TraceRecord> order = Comparator.comparing((TraceRecord r) -> r.call().at()).thenComparingInt(TraceRecord::line);
    List<TraceRecord> before = new ArrayList<>();
    try (TraceReader reader = TraceReader.open(trace, name)) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        if (e.record() != null && order.compare(e.record(), target) < 0) {
          before.add(e.record());
        }
      }
    }
    before.sort(order);
    Simulator simulator = Simulator.of(policy.document().orElseThrow(), windows);
    before.forEach(r -> simulator.decide(r.call()));
    return simulator;
  }
}
