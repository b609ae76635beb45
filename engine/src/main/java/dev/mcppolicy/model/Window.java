package dev.mcppolicy.model;

import java.util.Optional;

/** A calendar-aligned UTC window of a limit. */
public enum Window implements Word {
  MINUTE("minute", 60_000L),
  HOUR("hour", 3_600_000L),
  DAY("day", 86_400_000L);

  private final String word;
  private final long millis;

  Window(String word, long millis) {
    this.word = word;
    this.millis = millis;
  }

  @Override
  public String word() {
    return word;
  }

  public long millis() {
    return millis;
  }

  public static Optional<Window> fromWord(String word) {
    return Word.parse(Window.class, word);
  }
}
