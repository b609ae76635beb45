package dev.mcppolicy.run;

import dev.mcppolicy.compiler.UnknownTool;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Span;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.TraceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trace records whose tool no catalog of the policy lists (language.md section 6): a typo in a
 * recorded or hand-written trace, or a tool the catalog lacks. One warning (E211) per tool, at the
 * first record that calls it. A policy bound to no catalog knows no tools and is not checked.
 */
public final class UnknownTools implements Replayer.Listener {
  private final Replayer.Listener next;
  private final Set<String> known;
  private final boolean bound;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Integer> firstLine = new TreeMap<>();

  private UnknownTools(Replayer.Listener next, Set<String> known) {
    this.next = next;
    this.known = new HashSet<>(known);
    this.bound = !known.isEmpty();
  }

  /** A listener that checks each record's tool, then passes the record on to {@code next}. */
  public static UnknownTools around(Replayer.Listener next, Set<String> known) {
    return new UnknownTools(next, known);
  }

  @Override
  public void restart() {
    seen.clear();
    firstLine.clear();
    next.restart();
  }

  @Override
  public void decided(TraceRecord record, Decision decision, List<String> mismatches) {
    String tool = record.call().tool();
    if (bound && !seen.contains(tool)) { // one look-up per call in the common case
      seen.add(tool);
      if (!known.contains(tool)) {
        firstLine.put(tool, record.line());
      }
    }
    next.decided(record, decision, mismatches);
  }

  @Override
  public void progress(long records) {
    next.progress(records);
  }

  /** A warning for each unknown tool, located at the first line of {@code traceName} that calls it. */
  public List<Diagnostic> warnings(String traceName) {
    SourceFile file = new SourceFile(traceName, ""); // the record's line is not shown: it may be megabytes long
    java.util.SortedSet<String> sorted = new java.util.TreeSet<>(known); // suggestions in a stable order
    List<Diagnostic> out = new ArrayList<>();
    firstLine.forEach((tool, line) -> out.add(UnknownTool.called(tool, sorted, file, Span.at(line, 1, 1))));
    return out;
  }
}
