package dev.mcppolicy.syntax;

import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** policy.json conditions written as the language writes them: {@code args.amount > 10000 and args.currency in ["usd"]}. */
public final class Conditions {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Conditions() {}

  /** A conjunction, as a {@code require} or {@code deny if} writes it. */
  public static String source(List<Condition> conditions) {
    List<String> parts = new ArrayList<>();
    for (Condition c : conditions) {
      parts.add(source(c));
    }
    return String.join(" and ", parts);
  }

  public static String source(Condition c) {
    String path = path(c.path());
    String value = JsonWriter.inline(c.value());
    return switch (c.op()) {
      case EQ -> path + " == " + value;
      case NEQ -> path + " != " + value;
      case LT -> path + " < " + value;
      case LTE -> path + " <= " + value;
      case GT -> path + " > " + value;
      case GTE -> path + " >= " + value;
      case IN -> path + " in " + value;
      case NOT_IN -> path + " not in " + value;
      case REGEX -> path + " matches " + value;
      case CONTAINS -> path + " contains " + value;
      case EXISTS -> path + (c.value() instanceof JsonBoolean b && !b.value() ? " not exists" : " exists");
    };
  }

  /** {@code args.a.b}, each segment that is not a plain name quoted: {@code args.headers."content-type"}. */
  private static String path(String path) {
    String[] segments = path.substring("args.".length()).split("\\.", -1);
    StringBuilder out = new StringBuilder("args");
    for (String s : segments) {
      out.append('.').append(SEGMENT.matcher(s).matches() ? s : JsonWriter.inline(new JsonString(s)));
    }
    return out.toString();
  }
}
