package dev.mcppolicy.model;

import java.util.Optional;

/**
 * What a policy document may hold, checked the same way by both front ends: the language (where
 * the parser and checker meet each piece) and the {@code policy.json} loader (with its JSON path).
 * Each check gives the reason a value is refused, in words both can show.
 */
public final class DocumentRules {
  private DocumentRules() {}

  /** A tool name, a hide entry, a counter name, a message: no unpaired surrogate (UTF-8 cannot hold it). */
  public static Optional<String> text(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("it holds an unpaired surrogate (\\u" + Integer.toHexString(c) + "), which no UTF-8 text can");
      }
    }
    return Optional.empty();
  }

  /** An entry of {@code hide}: a tool name that is not empty or blank (the engine's validator refuses those). */
  public static Optional<String> hideEntry(String name) {
    return name.isBlank() ? Optional.of("a hidden tool's name cannot be empty or blank") : text(name);
  }

  /** A counter name: not empty, and text. */
  public static Optional<String> counter(String name) {
    return name.isEmpty() ? Optional.of("a counter name cannot be empty") : text(name);
  }

  /** One argument name in a path ({@code a} in {@code args.a.b}): not empty, no '.', and text. */
  public static Optional<String> pathSegment(String segment) {
    if (segment.isEmpty()) {
      return Optional.of("an argument name cannot be empty");
    }
    if (segment.contains(".")) {
      return Optional.of("an argument name cannot contain '.': policy.json paths have no escape for it");
    }
    return text(segment);
  }

  /** A whole path as policy.json writes it: {@code args.} then one or more argument names joined by '.'. */
  public static Optional<String> path(String path) {
    if (!path.startsWith("args.")) {
      return Optional.of("a path must start with 'args.' and name an argument");
    }
    for (String segment : path.substring("args.".length()).split("\\.", -1)) {
      Optional<String> problem = segment.isEmpty() ? Optional.of("an argument name cannot be empty") : text(segment);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /** A limit's count as written: a whole number from 1 to 9223372036854775807, without fraction or exponent. */
  public static Optional<String> count(String text) {
    if (!text.matches("[1-9][0-9]{0,18}")) {
      return Optional.of("a limit count must be a whole number from 1 to 9223372036854775807, written without "
          + "fraction or exponent, not " + text);
    }
    try {
      Long.parseLong(text);
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("a limit count must be a whole number from 1 to 9223372036854775807, not " + text);
    }
  }
}
