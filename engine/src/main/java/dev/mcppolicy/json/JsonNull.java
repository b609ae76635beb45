package dev.mcppolicy.json;

public record JsonNull() implements JsonValue {
  @Override
  public String kind() {
    return "null";
  }
}
