package dev.mcppolicy.trace;

import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays recorded calls through a simulator (traces.md). Records are decided as they are read,
 * in file order, which is timestamp order for a well-formed trace. On the first record earlier
 * than the one before it, the replay starts over: the listener is told to forget what it got, the
 * trace is decided again in timestamp order (records with the same instant keep file order) from
 * fresh counters, with a warning naming that line. Sorting holds a bounded number of records in
 * memory; a larger trace is sorted through temporary files ({@link SortedRuns}).
 */
public final class Replayer {
  private static final int PROGRESS_EVERY = 1 << 16;

  private Replayer() {}

  /** Receives each decision, in decision order. */
  public interface Listener {
    /** The replay starts over in timestamp order: forget everything received so far. */
    default void restart() {}

    void decided(TraceRecord record, Decision decision, List<String> mismatches);

    /** Called now and then with the number of records read, for progress displays. */
    default void progress(long records) {}
  }

  /** Opens the source afresh (a replay may read it twice). */
  @FunctionalInterface
  public interface Opener {
    RecordSource open() throws IOException;
  }

  /**
   * @param keepGoing report a bad record and go on, instead of stopping at it
   * @param sortFirst read everything and sort before deciding (for replays that must not restart,
   *     such as a {@code replay} step in the middle of a test)
   * @param sortBudget the most records held in memory while sorting: a trace with more is sorted
   *     in runs of this many records on temporary files, then merged
   */
  public record Options(boolean keepGoing, boolean sortFirst, int sortBudget) {
    /**
     * Records held in memory at once while sorting, encoded (about 140 bytes each with typical
     * arguments, and never more than 32 MiB in all): a longer trace is sorted through temporary files.
     */
    public static final int SORT_BUDGET = 1 << 17;
    public static final Options DEFAULT = new Options(false, false);

    public Options {
      if (sortBudget < 1) {
        throw new IllegalArgumentException("sortBudget must be at least 1: " + sortBudget);
      }
    }

    public Options(boolean keepGoing, boolean sortFirst) {
      this(keepGoing, sortFirst, SORT_BUDGET);
    }
  }

  /** What a replay of one trace came to; warnings are things worth knowing that did not stop it. */
  public record Summary(long calls, long allowed, long denied, long indeterminate, long expectations, long failed,
      List<TraceProblem> problems, List<String> warnings) {

    public Summary {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }

    /** Every record was read and every expectation held. */
    public boolean passed() {
      return problems.isEmpty() && failed == 0;
    }
  }

  private static final class Tally {
    long calls;
    long allowed;
    long denied;
    long indeterminate;
    long expectations;
    long failed;
    final List<TraceProblem> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Summary summary(Optional<String> warning) {
      List<String> all = new ArrayList<>();
      warning.ifPresent(all::add);
      all.addAll(warnings);
      return new Summary(calls, allowed, denied, indeterminate, expectations, failed, problems, all);
    }
  }

  public static Summary replay(Opener opener, Simulator simulator, Options options, Listener listener) throws IOException {
    if (!options.sortFirst()) {
      Tally tally = new Tally();
      TraceRecord disorder = null;
      // reading and parsing run a batch ahead on a second thread; the order is the source's
      try (RecordSource source = prefetched(opener.open())) {
        java.time.Instant last = null;
        for (TraceReader.Entry e = source.next(); e != null; e = source.next()) {
          if (e.problem() != null) {
            tally.problems.add(e.problem());
            if (!options.keepGoing()) {
              return tally.summary(Optional.empty());
            }
            continue;
          }
          TraceRecord r = e.record();
          if (last != null && r.call().at().isBefore(last)) {
            disorder = r;
            break;
          }
          last = r.call().at();
          decide(r, e.prepared(), simulator, tally, listener);
        }
        if (disorder == null) {
          tally.warnings.addAll(source.warnings());
        }
      }
      if (disorder == null) {
        return tally.summary(Optional.empty());
      }
      listener.restart();
      simulator.reset();
      String warning = "line " + disorder.line() + " is earlier than the line before it: the trace is not in "
          + "timestamp order, so it was replayed sorted";
      return sorted(opener, simulator, options, listener, Optional.of(warning));
    }
    return sorted(opener, simulator, options, listener, Optional.empty());
  }

  /**
   * Decides every record in timestamp order (equal instants in file order) holding at most
   * {@code sortBudget} records in memory: one pass reads the source, a trace that fits is sorted
   * in memory, a longer one is sorted in runs on temporary files and merged ({@link SortedRuns}).
   * Problems are found in that one pass, so each is reported once, before any decision.
   */
  private static Summary sorted(Opener opener, Simulator simulator, Options options, Listener listener,
      Optional<String> warning) throws IOException {
    Tally tally = new Tally();
    try (SortedRuns runs = new SortedRuns(options.sortBudget(), SortedRuns.FAN_IN)) {
      try (RecordSource source = prefetched(opener.open())) {
        source.withoutDecisions(); // each record is decided after the sort, in full
        for (TraceReader.Entry e = source.next(); e != null; e = source.next()) {
          if (e.problem() != null) {
            tally.problems.add(e.problem());
            if (!options.keepGoing()) {
              return tally.summary(warning);
            }
            continue;
          }
          runs.add(e.record());
        }
        tally.warnings.addAll(source.warnings());
      }
      SortedRuns.Cursor sorted = runs.sorted();
      for (TraceRecord r = sorted.next(); r != null; r = sorted.next()) {
        decide(r, null, simulator, tally, listener);
      }
    }
    return tally.summary(warning);
  }

  /** The source, read ahead on another thread unless it does that itself. */
  private static RecordSource prefetched(RecordSource source) {
    return source.readsAhead() ? source : new Prefetching(source);
  }

  private static void decide(TraceRecord r, Simulator.Prepared prepared, Simulator simulator, Tally tally,
      Listener listener) {
    Decision d = prepared != null ? simulator.decide(r.call(), prepared) : simulator.decide(r.call());
    tally.calls++;
    if (d.verdict() == Verdict.ALLOW) {
      tally.allowed++;
    } else if (d.verdict() == Verdict.DENY) {
      tally.denied++;
    } else {
      tally.indeterminate++;
    }
    List<String> mismatches = List.of();
    if (r.expect().isPresent()) {
      tally.expectations++;
      mismatches = r.expect().get().mismatches(d);
      if (!mismatches.isEmpty()) {
        tally.failed++;
      }
    }
    listener.decided(r, d, mismatches);
    if (tally.calls % PROGRESS_EVERY == 0) {
      listener.progress(tally.calls);
    }
  }
}
