package dev.mcppolicy.json;

import java.util.Objects;

public record JsonString(String value) implements JsonValue {
  public JsonString {
    Objects.requireNonNull(value);
  }

  @Override
  public String kind() {
    return "a string";
  }
}
