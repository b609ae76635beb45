package dev.mcppolicy.syntax;

import java.util.List;

/** One parsed file: its items in source order and its comments. */
public record SourceUnit(List<Item> items, List<Comment> comments) {
  public SourceUnit {
    items = List.copyOf(items);
    comments = List.copyOf(comments);
  }
}
