package dev.mcppolicy.compiler;

import java.util.List;

/**
 * A compiled file with everything it imports. {@code modules} are in statement order: each module
 * after the modules it imports (depth first, in import order), the root last. {@code importers}
 * gives, for each module's key but the root's, the key of the module that first imported it
 * (nearest the root).
 */
public record Program(Module root, List<Module> modules, java.util.Map<String, String> importers) {
  public Program {
    modules = List.copyOf(modules);
    importers = java.util.Map.copyOf(importers);
  }

  public Program(Module root, List<Module> modules) {
    this(root, modules, java.util.Map.of());
  }

  /** The file names from the compiled file down to the one that imported {@code module}; empty for the root. */
  public List<String> importChain(Module module) {
    java.util.Map<String, Module> byKey = new java.util.HashMap<>();
    modules.forEach(m -> byKey.put(m.key(), m));
    java.util.LinkedList<String> chain = new java.util.LinkedList<>();
    for (String key = importers.get(module.key()); key != null; key = importers.get(key)) {
      Module m = byKey.get(key);
      chain.addFirst(m == null ? key : m.file().name());
      if (chain.size() > modules.size()) {
        break; // never: importers come from a breadth-first walk, without cycles
      }
    }
    return chain;
  }
}
