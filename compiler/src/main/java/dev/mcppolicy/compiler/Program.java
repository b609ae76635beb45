package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Span;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * A compiled file with everything it imports. {@code modules} are in statement order: each module
 * after the modules it imports (depth first, in import order), the root last. {@code importers}
 * gives, for each module's key but the root's, the key of the module that first imported it
 * (nearest the root), and {@code importedAt} where in that module the import statement is.
 */
public record Program(Module root, List<Module> modules, Map<String, String> importers, Map<String, Span> importedAt) {
  public Program {
    modules = List.copyOf(modules);
    importers = Map.copyOf(importers);
    importedAt = Map.copyOf(importedAt);
  }

  public Program(Module root, List<Module> modules) {
    this(root, modules, Map.of(), Map.of());
  }

  /**
   * The import statements that brought {@code module} in, from the compiled file down, each as
   * {@code FILE:LINE:COLUMN}; empty for the root.
   */
  public List<String> importChain(Module module) {
    Map<String, Module> byKey = new java.util.HashMap<>();
    modules.forEach(m -> byKey.put(m.key(), m));
    LinkedList<String> chain = new LinkedList<>();
    for (String key = module.key(), by = importers.get(key); by != null; key = by, by = importers.get(key)) {
      Module importer = byKey.get(by);
      Span at = importedAt.get(key);
      String name = importer == null ? by : importer.file().name();
      chain.addFirst(at == null ? name : name + ":" + at.line() + ":" + at.column());
      if (chain.size() > modules.size()) {
        break; // never: importers come from a breadth-first walk, without cycles
      }
    }
    return chain;
  }
}
