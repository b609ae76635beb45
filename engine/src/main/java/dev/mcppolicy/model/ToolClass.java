package dev.mcppolicy.model;

import java.util.Optional;

/** What a tool does, as a catalog classifies it; each class has a default risk. */
public enum ToolClass implements Word {
  READ("read", Risk.LOW),
  WRITE("write", Risk.MEDIUM),
  EXECUTE("execute", Risk.HIGH),
  DESTRUCTIVE("destructive", Risk.CRITICAL);

  private final String word;
  private final Risk defaultRisk;

  ToolClass(String word, Risk defaultRisk) {
    this.word = word;
    this.defaultRisk = defaultRisk;
  }

  @Override
  public String word() {
    return word;
  }

  public Risk defaultRisk() {
    return defaultRisk;
  }

  public static Optional<ToolClass> fromWord(String word) {
    return Word.parse(ToolClass.class, word);
  }
}
