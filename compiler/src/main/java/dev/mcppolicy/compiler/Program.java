package dev.mcppolicy.compiler;

import java.util.List;

/**
 * A compiled file with everything it imports. {@code modules} are in statement order: each module
 * after the modules it imports (depth first, in import order), the root last.
 */
public record Program(Module root, List<Module> modules) {
  public Program {
    modules = List.copyOf(modules);
  }
}
