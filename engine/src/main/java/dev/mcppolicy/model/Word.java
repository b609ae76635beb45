package dev.mcppolicy.model;

import java.util.Optional;

/** An enum constant that is written as a word in sources and documents. */
public interface Word {
  String word();

  /** The constant of {@code type} written as {@code word}, if any. */
  static <E extends Enum<E> & Word> Optional<E> parse(Class<E> type, String word) {
    for (E e : type.getEnumConstants()) {
      if (e.word().equals(word)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
