package dev.mcppolicy.model;

import dev.mcppolicy.json.JsonValue;
import java.util.Objects;

/** {@code {"path": "args.a.b", "op": OP, "value": V}}. */
public record Condition(String path, Op op, JsonValue value) {
  public Condition {
    Objects.requireNonNull(path);
    Objects.requireNonNull(op);
    Objects.requireNonNull(value);
  }
}
