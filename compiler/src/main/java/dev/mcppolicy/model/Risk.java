package dev.mcppolicy.model;

import java.util.Optional;

/** Risk levels, ordered: {@code low < medium < high < critical}. */
public enum Risk {
  LOW("low"), MEDIUM("medium"), HIGH("high"), CRITICAL("critical");

  private final String word;

  Risk(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<Risk> fromWord(String word) {
    for (Risk r : values()) {
      if (r.word.equals(word)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
