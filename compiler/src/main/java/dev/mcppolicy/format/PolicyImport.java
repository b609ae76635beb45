package dev.mcppolicy.format;

import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.syntax.Conditions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code mcppolicy import}: a policy.json as {@code .mcppolicy} source that compiles back to the
 * document's canonical form byte for byte, in the formatter's layout (docs/import.md). Each part
 * of the document becomes the statement the compiler turns into exactly that part; a part no
 * statement produces is an error naming its JSON path. Bound to a catalog, it imports the catalog
 * and writes the selectors {@link SelectorRecovery} finds, and the presets they make up. The
 * result is compiled and compared before it is returned, so an import that would not round-trip
 * is never written.
 */
public final class PolicyImport {
  private PolicyImport() {}

  /** The source, or the problems (each {@code $.json.path: why}) that keep the document from being expressed. */
  public record Result(Optional<String> source, List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /**
   * A catalog to bind the import to: the module to import ({@code std/servers/git}, or a path
   * relative to the output's folder without {@code .mcppolicy}), and the tools the document names
   * that it does not list.
   */
  private record Binding(String module, SortedSet<String> extras) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Words that start a statement at the start of a line: quoted as names, to be safe anywhere. */
  private static final Set<String> STATEMENT_WORDS = Set.of("allow", "deny", "hide", "tool", "all", "test", "import", "policy",
      "default", "catalog");
  /** {@code document} as source, one statement per tool; {@code origin} names where it came from, in the header comment. */
  public static Result of(PolicyDocument document, String origin) {
    return of(document, origin, Optional.empty(), SelectorRecovery.Plan.NONE, Optional.empty());
  }

  private static Result of(PolicyDocument document, String origin, Optional<Binding> binding, SelectorRecovery.Plan plan,
      Optional<String> preset) {
    List<String> problems = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    out.append("# Imported from ").append(origin.replace('\n', ' ')).append(" by mcppolicy import: it compiles back to\n")
        .append("# that document's canonical form, byte for byte.\n");
    out.append("default ").append(document.defaultPosture().word()).append("\n\n");
    List<String> recovered = new ArrayList<>(plan.statements());
    if (binding.isPresent()) {
      out.append("import ").append(quoted(binding.get().module())).append('\n');
      preset.ifPresent(p -> out.append("import ").append(quoted(p)).append('\n'));
      out.append('\n');
      extras(out, binding.get());
    }
    recovered.forEach(line -> out.append(line).append('\n'));
    if (!recovered.isEmpty()) {
      out.append('\n');
    }
    Map<String, String> counters = new HashMap<>();
    List<String> hidden = new ArrayList<>();
    for (String h : document.hide()) {
      if (h.equals("*")) {
        hidden.add("*");
      } else {
        if (!plan.shown().contains(h)) {
          hidden.add(name(h));
        }
        if (document.tools().containsKey(h)) {
          problems.add(toolPath(h) + ": the tool is also hidden; hiding wins, so no statement emits its rules");
        }
      }
    }
    if (document.hide().contains("*") && !document.tools().isEmpty()) {
      problems.add("$.tools: 'hide *' hides every tool, so no statement emits tool entries beside it");
    }
    if (!hidden.isEmpty()) {
      out.append("hide ").append(String.join(", ", hidden)).append("\n\n");
    }
    for (Limit l : document.allToolsLimits()) {
      out.append("all tools limit ").append(l.max()).append('/').append(l.window().word()).append(" per grant")
          .append(compilerNames(null, document.allToolsLimits(), l) ? "" : " as " + name(l.counter())).append('\n');
      claim(counters, l.counter(), "$.all_tools.limits", problems);
    }
    if (!document.allToolsLimits().isEmpty()) {
      out.append('\n');
    }
    for (Map.Entry<String, ToolPolicy> e : document.tools().entrySet()) {
      tool(out, e.getKey(), e.getValue(), plan, counters, problems);
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    return new Result(Optional.of(out.toString()), List.of());
  }

  /** The tools the document names that the catalog does not list, in a catalog of their own. */
  private static void extras(StringBuilder out, Binding binding) {
    if (binding.extras().isEmpty()) {
      return;
    }
    out.append("# Tools the document names that ").append(binding.module()).append(" does not list.\n")
        .append("catalog imported_tools {\n");
    for (String n : binding.extras()) {
      out.append("  # class inferred from the name: review\n")
          .append("  ").append(name(n)).append(' ').append(SelectorRecovery.extra(n).toolClass().word()).append('\n');
    }
    out.append("}\n\n");
  }

  private static void tool(StringBuilder out, String tool, ToolPolicy policy, SelectorRecovery.Plan plan,
      Map<String, String> counters, List<String> problems) {
    String at = toolPath(tool);
    boolean empty = policy.require().isEmpty() && policy.denyIf().isEmpty() && policy.limits().isEmpty();
    if (empty) {
      if (!plan.shown().contains(tool)) {
        out.append("allow ").append(name(tool)).append('\n');
      }
      return;
    }
    if (policy.require().isEmpty() && policy.limits().isEmpty() && policy.denyIf().size() == 1
        && policy.denyIf().get(0).conditions().isEmpty()) {
      if (!plan.shown().contains(tool)) {
        out.append("deny ").append(name(tool)).append(message(policy.denyIf().get(0))).append('\n');
      }
      return;
    }
    if (plan.allowed().contains(tool)) {
      out.append("allow ").append(name(tool)).append('\n');
    }
    int firstOwn = plan.limited().contains(tool) ? 1 : 0; // a recovered statement gives the first limit
    if (firstOwn == 1) {
      claim(counters, policy.limits().get(0).counter(), at + ".limits[0]", problems);
    }
    if (policy.require().isEmpty() && policy.denyIf().isEmpty() && policy.limits().size() == firstOwn) {
      return;
    }
    out.append("tool ").append(name(tool)).append(" {\n");
    for (int i = 0; i < policy.require().size(); i++) {
      Rule r = policy.require().get(i);
      out.append("  require ").append(conjunction(r.conditions())).append(message(r)).append('\n');
    }
    for (int i = 0; i < policy.denyIf().size(); i++) {
      Rule r = policy.denyIf().get(i);
      if (r.conditions().isEmpty()) {
        problems.add(at + ".deny_if[" + i + "]: an entry without conditions beside other rules: only 'deny TOOL' emits one, alone");
        continue;
      }
      out.append("  deny if ").append(conjunction(r.conditions())).append(message(r)).append('\n');
    }
    for (int i = firstOwn; i < policy.limits().size(); i++) {
      Limit l = policy.limits().get(i);
      out.append("  limit ").append(l.max()).append('/').append(l.window().word()).append(" per grant")
          .append(compilerNames(tool, policy.limits(), l) ? "" : " as " + name(l.counter())).append('\n');
      claim(counters, l.counter(), at + ".limits[" + i + "]", problems);
    }
    out.append("}\n");
  }

  /**
   * Whether {@code l}, one of {@code limits} (a tool's, or all tools' when {@code tool} is null), has
   * the counter the compiler names without {@code as} (language.md section 8): {@code T_rate} for a
   * tool's only limit, {@code T_rate_W} when it has several, {@code calls_per_W} for all tools; and
   * alone in its window, where the compiler requires {@code as}.
   */
  static boolean compilerNames(String tool, List<Limit> limits, Limit l) {
    String generated = tool == null ? "calls_per_" + l.window().word()
        : limits.size() == 1 ? tool + "_rate" : tool + "_rate_" + l.window().word();
    return l.counter().equals(generated) && limits.stream().filter(o -> o.window() == l.window()).count() == 1;
  }

  /** A tool's entry as the loader's messages write its JSON path: {@code $.tools.pay}, {@code $.tools["odd name"]}. */
  private static String toolPath(String tool) {
    return SEGMENT.matcher(tool).matches() ? "$.tools." + tool : "$.tools[" + quoted(tool) + "]";
  }

  /** A counter is used once in a document the compiler makes (E404); a second use cannot be written. */
  private static void claim(Map<String, String> counters, String counter, String at, List<String> problems) {
    String earlier = counters.putIfAbsent(counter, at);
    if (earlier != null) {
      problems.add(at + ": the counter '" + counter + "' is also used at " + earlier + "; the language gives each counter one owner");
    }
  }

  private static String conjunction(List<Condition> conditions) {
    return Conditions.source(conditions);
  }

  private static String message(Rule r) {
    return r.onDeny().map(m -> " message " + quoted(m)).orElse("");
  }

  private static String name(String name) {
    return isBareName(name) && !STATEMENT_WORDS.contains(name) ? name : quoted(name);
  }

  static boolean isBareName(String name) {
    return NAME.matcher(name).matches();
  }

  static String quoted(String text) {
    return JsonWriter.inline(new JsonString(text));
  }

  /**
   * The import, formatted and checked: compiled from memory at {@code where} (its folder is the
   * working folder) and compared with the document's canonical text; a difference is a problem.
   */
  public static Result checked(PolicyDocument document, String origin, Path where) {
    return verified(of(document, origin), document, where);
  }

  /**
   * The import bound to {@code catalog} (a stdlib module such as {@code std/servers/git}, or a
   * catalog file): the catalog imported, selectors recovered where they are exact, and presets
   * where they are a preset's. Of the forms that round-trip (with each stdlib preset whose
   * statements are exact, with selectors only, one statement per tool), the shortest.
   */
  public static Result checked(PolicyDocument document, String origin, Path where, String catalog) {
    String module = catalog.startsWith("std/") ? catalog : moduleFrom(Path.of(catalog), where);
    CompileResult loaded = InMemory.compile("default deny\nimport " + quoted(module) + "\n", where, false);
    if (loaded.hasErrors() || loaded.program().isEmpty()) {
      return new Result(Optional.empty(), loaded.diagnostics().stream().filter(d -> d.isError())
          .map(d -> "--catalog " + catalog + ": " + d.message()).toList());
    }
    Map<String, SelectorRecovery.Tool> tools = new TreeMap<>(CodePoints.ORDER);
    loaded.program().get().modules().forEach(m -> m.catalogs().forEach(c -> c.entries().forEach(e ->
        tools.putIfAbsent(e.name().value(), new SelectorRecovery.Tool(e.toolClass(), e.effectiveRisk())))));
    if (tools.isEmpty()) {
      return new Result(Optional.empty(), List.of("--catalog " + catalog + ": it declares no catalog"));
    }
    SortedSet<String> extras = new TreeSet<>(CodePoints.ORDER);
    document.hide().stream().filter(h -> !h.equals("*")).forEach(extras::add);
    extras.addAll(document.tools().keySet());
    extras.removeAll(tools.keySet());
    Map<String, SelectorRecovery.Tool> universe = new TreeMap<>(tools);
    extras.forEach(t -> universe.put(t, SelectorRecovery.extra(t)));
    Binding binding = new Binding(module, extras);
    List<Result> forms = new ArrayList<>();
    for (String preset : new TreeSet<>(SelectorRecovery.PRESETS.keySet())) {
      SelectorRecovery.withPreset(universe, document, preset).ifPresent(plan ->
          forms.add(verified(of(document, origin, Optional.of(binding), plan, Optional.of(preset)), document, where)));
    }
    forms.add(verified(of(document, origin, Optional.of(binding), SelectorRecovery.of(universe, document), Optional.empty()),
        document, where));
    forms.add(verified(of(document, origin, Optional.of(binding), SelectorRecovery.Plan.NONE, Optional.empty()),
        document, where));
    // the shortest form that round-trips; of equally short ones, the first (presets come first)
    return forms.stream().filter(r -> r.source().isPresent())
        .min(java.util.Comparator.comparingLong(r -> r.source().get().lines().count()))
        .orElse(forms.get(forms.size() - 1));
  }

  /** {@code file} as an import from {@code where}'s folder: relative, with '/' and without {@code .mcppolicy}. */
  private static String moduleFrom(Path file, Path where) {
    Path from = where.toAbsolutePath().normalize().getParent();
    String relative = from.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    return relative.endsWith(".mcppolicy") ? relative.substring(0, relative.length() - ".mcppolicy".length()) : relative;
  }

  private static Result verified(Result r, PolicyDocument document, Path where) {
    if (r.source().isEmpty()) {
      return r;
    }
    String text = InMemory.formatted(r.source().get(), where);
    CompileResult back = InMemory.compile(text, where, false);
    if (back.document().isEmpty()) {
      return new Result(Optional.empty(), back.diagnostics().stream().filter(d -> d.isError())
          .map(d -> "$: the import does not compile: " + d.message()).toList());
    }
    if (!PolicyJson.canonical(back.document().get()).equals(PolicyJson.canonical(document))) {
      return new Result(Optional.empty(), List.of("$: the import compiles to a different document; please report it"));
    }
    return new Result(Optional.of(text), List.of());
  }
}
