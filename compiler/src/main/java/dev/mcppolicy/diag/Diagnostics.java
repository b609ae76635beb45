package dev.mcppolicy.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sink every phase appends to and carries on: one run reports every problem of a file. The
 * list it gives back is sorted by file, line and column so output never depends on phase order.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic d) {
    items.add(d);
  }

  public void addAll(List<Diagnostic> ds) {
    items.addAll(ds);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  public List<Diagnostic> sorted() {
    return sort(items);
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
