package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import java.util.List;

/** A comma-separated selector: the union of its items. */
public record Selector(List<SelectorItem> items, Span span) {
  public Selector {
    items = List.copyOf(items);
  }
}
