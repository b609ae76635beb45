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

  /** A simulator and the listener of its decisions: one of the policies a replay decides each record for. */
  public record Lane(Simulator simulator, Listener listener) {}

  /**
   * The stage that prepares each record's decision for {@code simulator} on the fast reader's
   * decoding threads ({@link Simulator#prepare}: the part that reads no counters), building only
   * the argument keys its policy reads.
   */
  public static Stage preparing(Simulator simulator) {
    return new Stage() {
      @Override
      public java.util.Set<String> argumentKeys() {
        return simulator.argumentKeys();
      }

      @Override
      public Object apply(dev.mcppolicy.sim.Call call) {
        return simulator.prepare(call);
      }
    };
  }

  /**
   * The stage that prepares each record's decision for every lane, in the lanes' order, building
   * the argument keys any of their policies reads: a replay of several policies then prepares
   * them all on the decoding threads.
   */
  public static Stage preparing(List<Lane> lanes) {
    if (lanes.size() == 1) {
      return preparing(lanes.get(0).simulator());
    }
    Simulator[] simulators = lanes.stream().map(Lane::simulator).toArray(Simulator[]::new);
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (Simulator s : simulators) {
      keys.addAll(s.argumentKeys());
    }
    java.util.Set<String> read = java.util.Set.copyOf(keys);
    return new Stage() {
      @Override
      public java.util.Set<String> argumentKeys() {
        return read;
      }

      @Override
      public Object apply(dev.mcppolicy.sim.Call call) {
        Simulator.Prepared[] each = new Simulator.Prepared[simulators.length];
        for (int i = 0; i < each.length; i++) {
          each[i] = simulators[i].prepare(call);
        }
        return each;
      }
    };
  }

  /** What was prepared for {@code simulator} in an entry's staged work; null: nothing (it decides in full). */
  private static Simulator.Prepared preparedFor(Object staged, Simulator simulator, int lane) {
    if (staged instanceof Simulator.Prepared p) {
      return p.preparedBy(simulator) ? p : null;
    }
    if (staged instanceof Simulator.Prepared[] each && lane < each.length && each[lane].preparedBy(simulator)) {
      return each[lane];
    }
    return null;
  }

  public static Summary replay(Opener opener, Simulator simulator, Options options, Listener listener) throws IOException {
    return replay(opener, List.of(new Lane(simulator, listener)), options).get(0);
  }

  /**
   * Decides every record of one read of the source for each lane, in the same order, so that
   * several policies (a change and the policy it replaces, a policy.json and the source it came
   * from) are compared on the same traffic without reading it twice. A record's prepared decision
   * is used by the simulator that prepared it; the others prepare the call themselves. A summary
   * per lane, in the order given. The source must keep every argument key any lane's policy reads:
   * open a trace with {@code ParallelTraceReader.open(file, name, preparing(lanes))} (or with no
   * stage), not with one lane's stage (which keeps only the keys its own policy reads).
   */
  public static List<Summary> replay(Opener opener, List<Lane> lanes, Options options) throws IOException {
    Lane[] all = lanes.toArray(new Lane[0]);
    if (!options.sortFirst()) {
      Tally[] tallies = tallies(all.length);
      TraceRecord disorder = null;
      // reading and parsing run a batch ahead on a second thread; the order is the source's
      try (RecordSource source = prefetched(opener.open())) {
        java.time.Instant last = null;
        for (TraceReader.Entry e = source.next(); e != null; e = source.next()) {
          if (e.problem() != null) {
            for (Tally t : tallies) {
              t.problems.add(e.problem());
            }
            if (!options.keepGoing()) {
              return summaries(tallies, Optional.empty());
            }
            continue;
          }
          TraceRecord r = e.record();
          if (last != null && r.call().at().isBefore(last)) {
            disorder = r;
            break;
          }
          last = r.call().at();
          for (int i = 0; i < all.length; i++) {
            decide(r, preparedFor(e.staged(), all[i].simulator(), i), all[i].simulator(), tallies[i], all[i].listener());
          }
        }
        if (disorder == null) {
          for (Tally t : tallies) {
            t.warnings.addAll(source.warnings());
          }
        }
      }
      if (disorder == null) {
        return summaries(tallies, Optional.empty());
      }
      for (Lane lane : all) {
        lane.listener().restart();
        lane.simulator().reset();
      }
      String warning = "line " + disorder.line() + " is earlier than the line before it: the trace is not in "
          + "timestamp order, so it was replayed sorted";
      return sorted(opener, all, options, Optional.of(warning));
    }
    return sorted(opener, all, options, Optional.empty());
  }

  private static Tally[] tallies(int n) {
    Tally[] out = new Tally[n];
    for (int i = 0; i < n; i++) {
      out[i] = new Tally();
    }
    return out;
  }

  private static List<Summary> summaries(Tally[] tallies, Optional<String> warning) {
    List<Summary> out = new ArrayList<>(tallies.length);
    for (Tally t : tallies) {
      out.add(t.summary(warning));
    }
    return out;
  }

  /**
   * Decides every record in timestamp order (equal instants in file order) holding at most
   * {@code sortBudget} records in memory: one pass reads the source, a trace that fits is sorted
   * in memory, a longer one is sorted in runs on temporary files and merged ({@link SortedRuns}).
   * Problems are found in that one pass, so each is reported once, before any decision.
   */
  private static List<Summary> sorted(Opener opener, Lane[] all, Options options, Optional<String> warning)
      throws IOException {
    Tally[] tallies = tallies(all.length);
    try (SortedRuns runs = new SortedRuns(options.sortBudget(), SortedRuns.FAN_IN)) {
      try (RecordSource source = prefetched(opener.open())) {
        source.withoutStage(); // each record is decided after the sort, in full
        for (TraceReader.Entry e = source.next(); e != null; e = source.next()) {
          if (e.problem() != null) {
            for (Tally t : tallies) {
              t.problems.add(e.problem());
            }
            if (!options.keepGoing()) {
              return summaries(tallies, warning);
            }
            continue;
          }
          runs.add(e.record());
        }
        for (Tally t : tallies) {
          t.warnings.addAll(source.warnings());
        }
      }
      SortedRuns.Cursor sorted = runs.sorted();
      for (TraceRecord r = sorted.next(); r != null; r = sorted.next()) {
        for (int i = 0; i < all.length; i++) {
          decide(r, null, all[i].simulator(), tallies[i], all[i].listener());
        }
      }
    }
    return summaries(tallies, warning);
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
