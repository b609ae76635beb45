package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.syntax.Item;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every tool the program's catalogs declare (language.md section 6). With at least one catalog the
 * policy is <em>bound</em>: globs, classes and risks expand against it and unknown names are
 * reported. The first declaration of a tool wins; a second one is reported.
 */
final class ToolCatalog {
  /** A catalog entry and the module that declares it. */
  record Entry(Item.CatalogEntry entry, Module module) {}

  private final Map<String, Entry> tools;
  private final boolean bound;

  private ToolCatalog(Map<String, Entry> tools, boolean bound) {
    this.tools = Collections.unmodifiableMap(tools);
    this.bound = bound;
  }

  static ToolCatalog of(Program program, Diagnostics sink) {
    Map<String, Entry> tools = new TreeMap<>(CodePoints.ORDER);
    Map<String, Module> ids = new TreeMap<>();
    boolean any = false;
    for (Module module : program.modules()) {
      for (Item.Catalog catalog : module.catalogs()) {
        any = true;
        Module other = ids.putIfAbsent(catalog.id().value(), module);
        if (other != null && other != module) {
          // Two catalogs with one id in different files: a copy; the entries themselves are checked below.
          ids.put(catalog.id().value(), other);
        }
        Map<String, Item.CatalogEntry> inThis = new TreeMap<>();
        for (Item.CatalogEntry entry : catalog.entries()) {
          String name = entry.name().value();
          Item.CatalogEntry twin = inThis.putIfAbsent(name, entry);
          if (twin != null) {
            sink.add(Diagnostic.of(Code.E208, "tool '" + name + "' is listed twice in catalog '"
                + catalog.id().value() + "'", module.file(), entry.name().span())
                .withNote("first listed here", module.file(), twin.name().span()));
            continue;
          }
          Entry earlier = tools.putIfAbsent(name, new Entry(entry, module));
          if (earlier != null && (earlier.entry().toolClass() != entry.toolClass()
              || earlier.entry().effectiveRisk() != entry.effectiveRisk())) {
            sink.add(Diagnostic.of(Code.E209, "tool '" + name + "' is declared again with class "
                + entry.toolClass().word() + " and risk " + entry.effectiveRisk().word()
                + "; the first declaration (" + earlier.entry().toolClass().word() + ", "
                + earlier.entry().effectiveRisk().word() + ") is used", module.file(), entry.name().span())
                .withNote("first declared here", earlier.module().file(), earlier.entry().name().span()));
          }
        }
      }
    }
    return new ToolCatalog(tools, any);
  }

  boolean bound() {
    return bound;
  }

  /** Tool names in code point order. */
  Map<String, Entry> tools() {
    return tools;
  }

  Optional<Entry> get(String name) {
    return Optional.ofNullable(tools.get(name));
  }
}
