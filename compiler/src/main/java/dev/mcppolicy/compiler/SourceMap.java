package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each part of a compiled policy came from: the statement that produced it, by file and
 * span, and the imports that brought that file in. This is what lets a decision be traced back
 * to a line of source ("which line decided this call").
 *
 * @param rules by rule identifier, as decisions name them ({@code /tools/T/require/0},
 *     {@code /tools/T/deny_if/1}, {@code /tools/T/limits/C}, {@code /all_tools/limits/C})
 * @param tools by tool: the statement that gave the tool its entry ({@code allow}, {@code deny},
 *     or the first block or limit that selected it)
 * @param hidden by tool: the {@code hide} statement that hid it ({@code *} for {@code hide *})
 */
public record SourceMap(Map<String, Origin> rules, Map<String, Origin> tools, Map<String, Origin> hidden) {
  public SourceMap {
    rules = Map.copyOf(rules);
    tools = Map.copyOf(tools);
    hidden = Map.copyOf(hidden);
  }

  /**
   * A place in the source.
   *
   * @param importedVia the files from the compiled one down to the one that imported {@code file},
   *     empty when the statement is in the compiled file itself
   */
  public record Origin(String file, Span span, List<String> importedVia) {
    public Origin {
      importedVia = List.copyOf(importedVia);
    }

    @Override
    public String toString() {
      return file + ":" + span.line() + ":" + span.column()
          + (importedVia.isEmpty() ? "" : " (imported through " + String.join(" -> ", importedVia) + ")");
    }
  }

  public static SourceMap empty() {
    return new SourceMap(Map.of(), Map.of(), Map.of());
  }

  public Optional<Origin> rule(String ruleId) {
    return Optional.ofNullable(rules.get(ruleId));
  }
}
