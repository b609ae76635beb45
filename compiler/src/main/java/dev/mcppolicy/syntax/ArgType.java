package dev.mcppolicy.syntax;

import dev.mcppolicy.model.Word;
import java.util.Optional;

/**
 * The JSON type of a tool argument in a catalog ({@code args { amount integer required }}), as an
 * {@code inputSchema} names it; {@code any} when the schema names none or several.
 */
public enum ArgType implements Word {
  STRING("string"), NUMBER("number"), INTEGER("integer"), BOOLEAN("boolean"), OBJECT("object"),
  ARRAY("array"), NULL("null"), ANY("any");

  private final String word;

  ArgType(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }

  public static Optional<ArgType> fromWord(String word) {
    return Word.parse(ArgType.class, word);
  }

  /** Whether {@code <}, {@code <=}, {@code >} and {@code >=} can hold for a value of this type. */
  public boolean isOrdered() {
    return this == NUMBER || this == INTEGER || this == ANY;
  }

  /** Whether {@code matches} can hold: the engine matches patterns against strings only. */
  public boolean isMatchable() {
    return this == STRING || this == ANY;
  }

  /** Whether {@code contains} can hold: a substring of a string or an element of a list. */
  public boolean isContainer() {
    return this == STRING || this == ARRAY || this == ANY;
  }

  /** Whether a path can step inside a value of this type. */
  public boolean hasMembers() {
    return this == OBJECT || this == ANY;
  }
}
