package dev.mcppolicy.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink every phase appends to and carries on: one run reports every problem of a file. The
 * list it gives back is sorted by file, line and column so output never depends on phase order.
 * It is bounded: at most {@link #MAX_PER_FILE} diagnostics of a file are shown, then one E008
 * saying how many more there are (a megabyte of bad characters is a million problems), and past
 * {@link #MAX_KEPT} a file's diagnostics are only counted, not kept.
 */
public final class Diagnostics {
  public static final int MAX_PER_FILE = 100;
  static final int MAX_KEPT = 1000;

  private final List<Diagnostic> items = new ArrayList<>();
  private final Map<String, Integer> kept = new HashMap<>();
  private final Map<String, Long> dropped = new TreeMap<>();
  private final java.util.Set<String> droppedErrors = new java.util.HashSet<>();

  public void add(Diagnostic d) {
    String file = fileOf(d);
    if (kept.merge(file, 1, Integer::sum) > MAX_KEPT) {
      dropped.merge(file, 1L, Long::sum);
      if (d.isError()) {
        droppedErrors.add(file);
      }
      return;
    }
    items.add(d);
  }

  public void addAll(List<Diagnostic> ds) {
    ds.forEach(this::add);
  }

  private static String fileOf(Diagnostic d) {
    return d.location().map(l -> l.file().name()).orElse("");
  }

  public boolean hasErrors() {
    return !droppedErrors.isEmpty() || items.stream().anyMatch(Diagnostic::isError);
  }

  /** {@code --strict}: every warning becomes an error, keeping its code. */
  public static List<Diagnostic> strict(List<Diagnostic> ds, boolean strict) {
    return strict ? ds.stream().map(d -> d.withSeverity(Severity.ERROR)).toList() : ds;
  }

  /** Sorted, each file's first {@value #MAX_PER_FILE}, then an E008 for each file with more. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> all = sort(items);
    Map<String, Long> more = new TreeMap<>(dropped);
    java.util.Set<String> hiddenErrors = new java.util.HashSet<>(droppedErrors);
    Map<String, Integer> shown = new HashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : all) {
      String file = fileOf(d);
      if (!file.isEmpty() && shown.merge(file, 1, Integer::sum) > MAX_PER_FILE) {
        more.merge(file, 1L, Long::sum);
        if (d.isError()) {
          hiddenErrors.add(file);
        }
      } else {
        out.add(d);
      }
    }
    // an error among the hidden ones keeps the summary an error, so that hiding never turns a failure into a pass
    more.forEach((file, n) -> out.add(Diagnostic.of(Code.E008, file + ": " + n + " more problem" + (n == 1 ? " is" : "s are")
        + " not shown (at most " + MAX_PER_FILE + " a file): mend these and run again")
        .withSeverity(hiddenErrors.contains(file) ? Severity.ERROR : Severity.WARNING)));
    return out;
  }

  public static List<Diagnostic> sort(List<Diagnostic> ds) {
    List<Diagnostic> out = new ArrayList<>(ds);
    out.sort(Comparator
        .comparing((Diagnostic d) -> d.location().map(l -> l.file().name()).orElse(""))
        .thenComparingInt(d -> d.location().map(l -> l.span().line()).orElse(0))
        .thenComparingInt(d -> d.location().map(l -> l.span().column()).orElse(0))
        .thenComparing(d -> d.code().name())
        .thenComparing(Diagnostic::message));
    // identical diagnostics (the same module reached twice) are reported once
    List<Diagnostic> unique = new ArrayList<>();
    for (Diagnostic d : out) {
      if (unique.isEmpty() || !same(unique.get(unique.size() - 1), d)) {
        unique.add(d);
      }
    }
    return unique;
  }

  private static boolean same(Diagnostic a, Diagnostic b) {
    return a.code() == b.code() && a.message().equals(b.message())
        && a.location().map(l -> l.file().name() + l.span()).equals(b.location().map(l -> l.file().name() + l.span()));
  }
}
