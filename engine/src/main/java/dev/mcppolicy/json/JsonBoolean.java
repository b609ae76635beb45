package dev.mcppolicy.json;

public record JsonBoolean(boolean value) implements JsonValue {
  @Override
  public String kind() {
    return "a boolean";
  }
}
