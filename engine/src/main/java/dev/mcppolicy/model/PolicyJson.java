package dev.mcppolicy.model;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts between {@link PolicyDocument} and its JSON (docs/canonical-json.md; loading:
 * docs/decision-model.md). Writing
 * gives the canonical member order and leaves out empty members; reading validates everything a
 * gateway would otherwise silently ignore and reports each problem with its JSON path and line.
 */
public final class PolicyJson {
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PolicyJson() {}

  // ------------------------------------------------------------------ writing

  public static JsonObject toJson(PolicyDocument document) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("version", new JsonString("1"));
    root.put("default", new JsonString(document.defaultPosture().word()));
    if (!document.hide().isEmpty()) {
      root.put("hide", new JsonArray(document.hide().stream().map(h -> (JsonValue) new JsonString(h)).toList()));
    }
    if (!document.allToolsLimits().isEmpty()) {
      root.put("all_tools", new JsonObject(Map.of("limits", limits(document.allToolsLimits()))));
    }
    Map<String, JsonValue> tools = new LinkedHashMap<>();
    document.tools().forEach((name, tool) -> tools.put(name, toJson(tool)));
    root.put("tools", new JsonObject(tools));
    return new JsonObject(root);
  }

  /** The canonical text of a document: what {@code compile} writes. */
  public static String canonical(PolicyDocument document) {
    return JsonWriter.pretty(toJson(document));
  }

  /** The RFC 8785 text of a document. */
  public static String jcs(PolicyDocument document) {
    return JsonWriter.jcs(toJson(document));
  }

  private static JsonObject toJson(ToolPolicy tool) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    if (!tool.require().isEmpty()) {
      out.put("require", rules(tool.require()));
    }
    if (!tool.denyIf().isEmpty()) {
      out.put("deny_if", rules(tool.denyIf()));
    }
    if (!tool.limits().isEmpty()) {
      out.put("limits", limits(tool.limits()));
    }
    return new JsonObject(out);
  }

  private static JsonArray rules(List<Rule> rules) {
    List<JsonValue> out = new ArrayList<>();
    for (Rule rule : rules) {
      Map<String, JsonValue> r = new LinkedHashMap<>();
      List<JsonValue> conditions = new ArrayList<>();
      for (Condition c : rule.conditions()) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("path", new JsonString(c.path()));
        m.put("op", new JsonString(c.op().word()));
        m.put("value", c.value());
        conditions.add(new JsonObject(m));
      }
      r.put("conditions", new JsonArray(conditions));
      rule.onDeny().ifPresent(m -> r.put("on_deny", new JsonString(m)));
      out.add(new JsonObject(r));
    }
    return new JsonArray(out);
  }

  private static JsonArray limits(List<Limit> limits) {
    List<JsonValue> out = new ArrayList<>();
    for (Limit limit : limits) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("counter", new JsonString(limit.counter()));
      m.put("window", new JsonString(limit.window().word()));
      m.put("max", JsonNumber.of(limit.max()));
      m.put("scope", new JsonString("grant"));
      out.add(new JsonObject(m));
    }
    return new JsonArray(out);
  }

  // ------------------------------------------------------------------ reading

  /** One problem of a document: where (JSON path and source position) and what. */
  public record Problem(String jsonPath, int line, int column, String message) {
    @Override
    public String toString() {
      return line + ":" + column + ": " + jsonPath + ": " + message;
    }
  }

  /** A loaded document, or every problem that kept it from loading. */
  public record LoadResult(Optional<PolicyDocument> document, List<Problem> problems) {
    public LoadResult {
      problems = List.copyOf(problems);
    }
  }

  /** Reads a document from its bytes, which must be UTF-8 text (as the language's sources must be). */
  public static LoadResult read(byte[] bytes) {
    var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    try {
      return read(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      int bad = firstMalformed(bytes);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String before = new String(bytes, lineStart, bad - lineStart, java.nio.charset.StandardCharsets.UTF_8);
      return new LoadResult(Optional.empty(), List.of(new Problem("$", line,
          before.codePointCount(0, before.length()) + 1, "the file is not valid UTF-8 text")));
    }
  }

  /** The offset of the first byte that does not start a well-formed UTF-8 sequence. */
  private static int firstMalformed(byte[] bytes) {
    var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
    java.nio.charset.CoderResult r = decoder.decode(in, out, true);
    return r.isError() ? in.position() : bytes.length;
  }

  public static LoadResult read(String text) {
    JsonReader.Document parsed;
    try {
      parsed = JsonReader.read(text);
    } catch (JsonReader.JsonSyntaxException e) {
      return new LoadResult(Optional.empty(),
          List.of(new Problem("$", e.location().line(), e.location().column(), e.getMessage())));
    }
    Loader loader = new Loader(parsed);
    PolicyDocument document = loader.document(parsed.root());
    return loader.problems.isEmpty()
        ? new LoadResult(Optional.of(document), List.of())
        : new LoadResult(Optional.empty(), loader.problems);
  }

  private static final class Loader {
    private final JsonReader.Document source;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> counters = new HashSet<>();

    Loader(JsonReader.Document source) {
      this.source = source;
    }

    PolicyDocument document(JsonValue root) {
      JsonObject top = object(root, "$");
      if (top == null) {
        return null;
      }
      members(top, "$", Set.of("version", "default", "hide", "all_tools", "tools"));
      texts(top, "$");
      JsonValue version = top.members().get("version");
      if (version == null) {
        problem(top, "$", "missing member 'version' (it must be \"1\")");
      } else if (!(version instanceof JsonString s && s.value().equals("1"))) {
        problem(version, "$.version", "version must be the string \"1\"");
      }
      Posture posture = Posture.DENY;
      JsonValue def = top.members().get("default");
      if (def == null) {
        problem(top, "$", "missing member 'default' (\"allow\" or \"deny\")");
      } else if (def instanceof JsonString s && (s.value().equals("allow") || s.value().equals("deny"))) {
        posture = s.value().equals("allow") ? Posture.ALLOW : Posture.DENY;
      } else {
        problem(def, "$.default", "default must be \"allow\" or \"deny\"");
      }
      List<String> hide = new ArrayList<>();
      JsonValue hideValue = top.members().get("hide");
      if (hideValue != null) {
        JsonArray list = array(hideValue, "$.hide");
        if (list != null) {
          for (int i = 0; i < list.elements().size(); i++) {
            JsonValue entry = list.elements().get(i);
            String name = string(entry, "$.hide[" + i + "]");
            if (name == null || !valid(entry, "$.hide[" + i + "]", DocumentRules.hideEntry(name))) {
              continue;
            }
            if (hide.contains(name)) {
              problem(entry, "$.hide[" + i + "]", "'" + name + "' is listed twice in hide");
              continue;
            }
            hide.add(name);
          }
        }
      }
      List<Limit> allTools = List.of();
      JsonValue allToolsValue = top.members().get("all_tools");
      if (allToolsValue != null) {
        JsonObject o = object(allToolsValue, "$.all_tools");
        if (o != null) {
          members(o, "$.all_tools", Set.of("limits"));
          allTools = limits(o.members().get("limits"), "$.all_tools.limits");
        }
      }
      Map<String, ToolPolicy> tools = new LinkedHashMap<>();
      JsonValue toolsValue = top.members().get("tools");
      if (toolsValue != null) {
        JsonObject o = object(toolsValue, "$.tools");
        if (o != null) {
          o.members().forEach((name, entry) -> {
            ToolPolicy tool = tool(entry, "$.tools" + key(name));
            if (tool != null) {
              tools.put(name, tool);
            }
          });
        }
      }
      return new PolicyDocument(posture, hide, allTools, tools);
    }

    private ToolPolicy tool(JsonValue value, String path) {
      JsonObject o = object(value, path);
      if (o == null) {
        return null;
      }
      members(o, path, Set.of("require", "deny_if", "limits"));
      return new ToolPolicy(
          rules(o.members().get("require"), path + ".require", true),
          rules(o.members().get("deny_if"), path + ".deny_if", false),
          limits(o.members().get("limits"), path + ".limits"));
    }

    /**
     * An optional list of objects: each element must be an object with only {@code allowed}
     * members; {@code each} reads one element (null when it is too broken to use).
     */
    private <T> List<T> objects(JsonValue value, String path, Set<String> allowed,
        java.util.function.BiFunction<JsonObject, String, T> each) {
      List<T> out = new ArrayList<>();
      JsonArray list = value == null ? null : array(value, path);
      if (list == null) {
        return out;
      }
      for (int i = 0; i < list.elements().size(); i++) {
        String at = path + "[" + i + "]";
        JsonObject o = object(list.elements().get(i), at);
        if (o == null) {
          continue;
        }
        members(o, at, allowed);
        T item = each.apply(o, at);
        if (item != null) {
          out.add(item);
        }
      }
      return out;
    }

    private List<Rule> rules(JsonValue value, String path, boolean require) {
      return objects(value, path, Set.of("conditions", "on_deny"), (o, at) -> rule(o, at, require));
    }

    private Rule rule(JsonObject o, String at, boolean require) {
      JsonValue conditions = o.members().get("conditions");
      if (conditions == null) {
        problem(o, at, "missing member 'conditions'");
      }
      Optional<String> onDeny = Optional.empty();
      if (o.members().containsKey("on_deny")) {
        onDeny = Optional.ofNullable(string(o.members().get("on_deny"), at + ".on_deny"));
      }
      List<Condition> parsed = objects(conditions, at + ".conditions", Set.of("path", "op", "value"), this::condition);
      if (require && conditions instanceof JsonArray list && list.elements().isEmpty()) {
        // an empty deny_if always denies; an empty require would always pass, and the engine refuses it
        problem(conditions, at + ".conditions", "a require entry needs at least one condition");
      }
      return new Rule(parsed, onDeny);
    }

    private Condition condition(JsonObject o, String path) {
      for (String required : List.of("path", "op", "value")) {
        if (!o.members().containsKey(required)) {
          problem(o, path, "missing member '" + required + "'");
          return null;
        }
      }
      String argPath = string(o.members().get("path"), path + ".path");
      String opWord = string(o.members().get("op"), path + ".op");
      if (argPath == null || opWord == null) {
        return null;
      }
      if (!valid(o.members().get("path"), path + ".path", DocumentRules.path(argPath))) {
        return null;
      }
      Optional<Op> op = Op.fromWord(opWord);
      if (op.isEmpty()) {
        problem(o.members().get("op"), path + ".op", "unknown op '" + opWord
            + "' (one of eq, neq, in, not_in, lt, lte, gt, gte, regex, contains, exists)");
        return null;
      }
      JsonValue v = o.members().get("value");
      String valuePath = path + ".value";
      switch (op.get()) {
        case IN, NOT_IN -> {
          if (!(v instanceof JsonArray)) {
            problem(v, valuePath, "'" + opWord + "' needs a list, not " + v.kind());
            return null;
          }
        }
        case LT, LTE, GT, GTE -> {
          if (!(v instanceof JsonNumber)) {
            problem(v, valuePath, "'" + opWord + "' needs a number, not " + v.kind());
            return null;
          }
        }
        case REGEX -> {
          if (!(v instanceof JsonString s)) {
            problem(v, valuePath, "'regex' needs a string, not " + v.kind());
            return null;
          }
          var bad = RegexCheck.check(s.value());
          if (bad.isPresent()) {
            problem(v, valuePath, bad.get().message());
            return null;
          }
        }
        case EXISTS -> {
          if (!(v instanceof JsonBoolean)) {
            problem(v, valuePath, "'exists' needs true or false, not " + v.kind());
            return null;
          }
        }
        default -> { }
      }
      return new Condition(argPath, op.get(), v);
    }

    private List<Limit> limits(JsonValue value, String path) {
      return objects(value, path, Set.of("counter", "window", "max", "scope"), this::limit);
    }

    private Limit limit(JsonObject o, String at) {
      boolean complete = true;
      for (String required : List.of("counter", "window", "max", "scope")) {
        if (!o.members().containsKey(required)) {
          problem(o, at, "missing member '" + required + "'");
          complete = false;
        }
      }
      if (!complete) {
        return null;
      }
      String counter = string(o.members().get("counter"), at + ".counter");
      String windowWord = string(o.members().get("window"), at + ".window");
      String scope = string(o.members().get("scope"), at + ".scope");
      JsonValue maxValue = o.members().get("max");
      Optional<Window> window = windowWord == null ? Optional.empty() : Window.fromWord(windowWord);
      if (windowWord != null && window.isEmpty()) {
        problem(o.members().get("window"), at + ".window",
            "window must be \"minute\", \"hour\" or \"day\", not \"" + windowWord + "\"");
      }
      if (scope != null && !scope.equals("grant")) {
        problem(o.members().get("scope"), at + ".scope", "scope must be \"grant\", not \"" + scope + "\"");
      }
      Optional<Long> max = maxValue instanceof JsonNumber n && DocumentRules.count(n.text()).isEmpty()
          ? n.longValue() : Optional.empty();
      if (max.isEmpty() || max.get() <= 0) {
        problem(maxValue, at + ".max", "max must be a positive integer (at most 9223372036854775807), written without "
            + "fraction or exponent");
      }
      if (counter != null && !valid(o.members().get("counter"), at + ".counter", DocumentRules.counter(counter))) {
        counter = null;
      }
      if (counter != null && !counters.add(counter)) {
        problem(o.members().get("counter"), at + ".counter", "duplicate counter name '" + counter + "'");
      }
      if (counter != null && window.isPresent() && max.isPresent() && max.get() > 0) {
        return new Limit(counter, window.get(), max.get());
      }
      return null;
    }

    private void members(JsonObject o, String path, Set<String> allowed) {
      for (String name : o.members().keySet()) {
        if (!allowed.contains(name)) {
          problem(o.members().get(name), path + key(name), "unknown member '" + name
              + "' (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
      }
    }

    private JsonObject object(JsonValue v, String path) {
      if (v instanceof JsonObject o) {
        return o;
      }
      problem(v, path, "expected an object, found " + v.kind());
      return null;
    }

    private JsonArray array(JsonValue v, String path) {
      if (v instanceof JsonArray a) {
        return a;
      }
      problem(v, path, "expected a list, found " + v.kind());
      return null;
    }

    private String string(JsonValue v, String path) {
      if (v instanceof JsonString s) {
        return s.value();
      }
      problem(v, path, "expected a string, found " + v.kind());
      return null;
    }

    /** Every string of the document, member names included, is text the language could write (no unpaired surrogate). */
    private void texts(JsonValue value, String path) {
      if (value instanceof JsonString s) {
        valid(value, path, DocumentRules.text(s.value()));
      } else if (value instanceof JsonArray a) {
        for (int i = 0; i < a.elements().size(); i++) {
          texts(a.elements().get(i), path + "[" + i + "]");
        }
      } else if (value instanceof JsonObject o) {
        o.members().forEach((name, member) -> {
          if (!valid(member, path + key(name), DocumentRules.text(name).map(why -> "the member name: " + why))) {
            return;
          }
          texts(member, path + key(name));
        });
      }
    }

    /** True when {@code problem} is empty; else reports it at {@code at}. */
    private boolean valid(JsonValue at, String path, Optional<String> problem) {
      problem.ifPresent(why -> problem(at, path, why));
      return problem.isEmpty();
    }

    private void problem(JsonValue at, String path, String message) {
      var location = source.locationOf(at);
      problems.add(new Problem(path, location.line(), location.column(), message));
    }
  }

  /** A JSONPath member step: {@code .name} or {@code ["odd name"]}. */
  static String key(String name) {
    if (SIMPLE_KEY.matcher(name).matches()) {
      return "." + name;
    }
    StringBuilder out = new StringBuilder("[");
    JsonWriter.writeString(name, out);
    return out.append(']').toString();
  }
}
