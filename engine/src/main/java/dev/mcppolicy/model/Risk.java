package dev.mcppolicy.model;

import java.util.Optional;

/** Risk levels, ordered: {@code low < medium < high < critical}. */
public enum Risk implements Word {
  LOW("low"), MEDIUM("medium"), HIGH("high"), CRITICAL("critical");

  private final String word;

  Risk(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }

  public static Optional<Risk> fromWord(String word) {
    return Word.parse(Risk.class, word);
  }
}
