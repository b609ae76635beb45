package dev.mcppolicy.diag;

/**
 * A range in a source file: 1-based lines, 1-based columns counted in Unicode code points; the end
 * column is exclusive.
 */
public record Span(int line, int column, int endLine, int endColumn) {
  public static final Span NONE = new Span(1, 1, 1, 1);

  public Span {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("bad span " + line + ":" + column);
    }
  }

  public static Span at(int line, int column, int length) {
    return new Span(line, column, line, column + Math.max(1, length));
  }

  /** The span from the start of this one to the end of {@code other}. */
  public Span to(Span other) {
    return new Span(line, column, other.endLine, other.endColumn);
  }

  /** A span inside this one on its first line, {@code offset} code points from its start. */
  public Span inside(int offset, int length) {
    return at(line, column + offset, length);
  }
}
