package dev.mcppolicy.diag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One problem found in a source: data, rendered by {@link TextRenderer} and friends. */
public record Diagnostic(
    Severity severity, Code code, String message, Optional<Location> location,
    Optional<String> help, List<Note> notes) {

  public Diagnostic {
    Objects.requireNonNull(severity);
    Objects.requireNonNull(code);
    Objects.requireNonNull(message);
    notes = List.copyOf(notes);
  }

  /** Where in which file. */
  public record Location(SourceFile file, Span span) {}

  /** A secondary place, such as the other side of a conflict. */
  public record Note(String message, Location location) {}

  public static Diagnostic of(Code code, String message, SourceFile file, Span span) {
    return new Diagnostic(code.defaultSeverity(), code, message,
        Optional.of(new Location(file, span)), Optional.empty(), List.of());
  }

  /** A problem with no place in a source: a file that cannot be read, an output that cannot be written. */
  public static Diagnostic of(Code code, String message) {
    return new Diagnostic(code.defaultSeverity(), code, message, Optional.empty(), Optional.empty(), List.of());
  }

  public Diagnostic withHelp(String text) {
    return new Diagnostic(severity, code, message, location, Optional.of(text), notes);
  }

  public Diagnostic withNote(String text, SourceFile file, Span span) {
    var more = new java.util.ArrayList<>(notes);
    more.add(new Note(text, new Location(file, span)));
    return new Diagnostic(severity, code, message, location, help, more);
  }

  public Diagnostic withSeverity(Severity s) {
    return new Diagnostic(s, code, message, location, help, notes);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
