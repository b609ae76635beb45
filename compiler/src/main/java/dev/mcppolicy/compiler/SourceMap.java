package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.RuleIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each part of a compiled policy came from: the statement that produced it, by file and
 * span, and the import statements that brought that file in. This is what lets a decision be
 * traced back to a line of source ("which line decided this call").
 *
 * @param rules by rule identifier, as decisions name them ({@code /tools/T/require/0},
 *     {@code /tools/T/deny_if/1}, {@code /tools/T/limits/C}, {@code /all_tools/limits/C})
 * @param tools by tool: the statement that gave the tool its entry ({@code allow}, {@code deny},
 *     or the first block or limit that selected it)
 * @param hidden by tool: the {@code hide} statement that hid it ({@code *} for {@code hide *})
 * @param posture the {@code default} declaration
 */
public record SourceMap(Map<String, Origin> rules, Map<String, Origin> tools, Map<String, Origin> hidden,
    Optional<Origin> posture) {
  public SourceMap {
    rules = Map.copyOf(rules);
    tools = Map.copyOf(tools);
    hidden = Map.copyOf(hidden);
  }

  /**
   * A place in the source: {@code file} and {@code span}, and {@code importedVia}, the import
   * statements ({@code FILE:LINE:COLUMN}) from the compiled file down to the one that imported
   * {@code file} (empty when the statement is in the compiled file). Its text is made once: reports
   * print it for every call a rule decides.
   */
  public static final class Origin {
    private final String file;
    private final Span span;
    private final List<String> importedVia;
    private final boolean stdlib;
    private final String text;

    public Origin(String file, Span span, List<String> importedVia) {
      this(file, span, importedVia, false);
    }

    /** {@code stdlib}: the file is a module of the standard library, not a file of the project. */
    public Origin(String file, Span span, List<String> importedVia, boolean stdlib) {
      this.file = java.util.Objects.requireNonNull(file);
      this.span = java.util.Objects.requireNonNull(span);
      this.importedVia = List.copyOf(importedVia);
      this.stdlib = stdlib;
      StringBuilder out = new StringBuilder(file).append(':').append(span.line()).append(':').append(span.column());
      for (int i = this.importedVia.size() - 1; i >= 0; i--) {
        out.append(" via ").append(this.importedVia.get(i));
      }
      this.text = out.toString();
    }

    public String file() {
      return file;
    }

    public Span span() {
      return span;
    }

    public List<String> importedVia() {
      return importedVia;
    }

    /**
     * The line of the project this comes from: its own, or, for a statement of the standard
     * library, the import statement in the compiled file that brought it in.
     */
    public Line line() {
      if (!stdlib || importedVia.isEmpty()) {
        return new Line(file, span.line());
      }
      String at = importedVia.get(0); // FILE:LINE:COLUMN
      int column = at.lastIndexOf(':');
      int line = at.lastIndexOf(':', column - 1);
      return new Line(at.substring(0, line), Integer.parseInt(at.substring(line + 1, column)));
    }

    /** {@code FILE:LINE:COLUMN}, then each import that brought the file in, nearest first: {@code std/x:4:1 via policy.mcppolicy:5:1}. */
    @Override
    public String toString() {
      return text;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Origin other && text.equals(other.text) && span.equals(other.span);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    JsonValue json() {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("file", new JsonString(file));
      m.put("line", JsonNumber.of(span.line()));
      m.put("column", JsonNumber.of(span.column()));
      List<JsonValue> via = new ArrayList<>();
      for (int i = importedVia.size() - 1; i >= 0; i--) {
        via.add(new JsonString(importedVia.get(i)));
      }
      m.put("via", new JsonArray(via));
      return new JsonObject(m);
    }
  }

  /** A line of a file of the project. */
  public record Line(String file, int line) {}

  public static SourceMap empty() {
    return new SourceMap(Map.of(), Map.of(), Map.of(), Optional.empty());
  }

  public Optional<Origin> rule(String ruleId) {
    return Optional.ofNullable(rules.get(ruleId));
  }

  /**
   * The source of a decision's rule for a call to {@code tool}: an emitted rule's statement, the
   * {@code hide} that hid the tool for {@code (hidden)}, the {@code default} declaration for
   * {@code (default deny)}; empty for an allow (no rule) or a policy without a source.
   */
  public Optional<Origin> decidedBy(String rule, String tool) {
    if (rule.equals(RuleIds.HIDDEN)) {
      return Optional.ofNullable(hidden.get(tool)).or(() -> Optional.ofNullable(hidden.get("*")));
    }
    if (rule.equals(RuleIds.DEFAULT_DENY)) {
      return posture;
    }
    return rule(rule);
  }

  /**
   * The map as {@code compile --source-map} writes it: each part of {@code document} by its JSON
   * Pointer ({@code /tools/T} for a tool's entry, {@code /hide/I} for a hide entry, a rule
   * identifier for a rule or limit, {@code /default} for the posture), in code-point order, to its
   * origin: {@code {"file", "line", "column", "via": [import statements, nearest first]}}.
   */
  public JsonValue json(PolicyDocument document) {
    Map<String, JsonValue> out = new TreeMap<>(CodePoints.ORDER);
    posture.ifPresent(o -> out.put("/default", o.json()));
    for (int i = 0; i < document.hide().size(); i++) {
      Origin o = hidden.get(document.hide().get(i));
      if (o != null) {
        out.put("/hide/" + i, o.json());
      }
    }
    tools.forEach((tool, o) -> {
      if (document.tools().containsKey(tool)) {
        out.put("/tools/" + RuleIds.escape(tool), o.json());
      }
    });
    rules.forEach((rule, o) -> out.put(rule, o.json()));
    return new JsonObject(new LinkedHashMap<>(out));
  }
}
