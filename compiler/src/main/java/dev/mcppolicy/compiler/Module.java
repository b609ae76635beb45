package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.SourceUnit;
import dev.mcppolicy.syntax.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One loaded file. {@code distance} is the number of import steps from the compiled file (0 for
 * itself): a nearer module's statements beat a farther one's at the same specificity.
 * {@code path} is empty for stdlib modules.
 */
public record Module(String key, SourceFile file, SourceUnit unit, Optional<Path> path, int distance) {

  public boolean isStdlib() {
    return path.isEmpty();
  }

  public List<Statement> statements() {
    return unit.items().stream().filter(Statement.class::isInstance).map(Statement.class::cast).toList();
  }

  public Optional<Item.Default> defaultDecl() {
    return unit.items().stream().filter(Item.Default.class::isInstance).map(Item.Default.class::cast).findFirst();
  }

  public List<Item.Test> tests() {
    return unit.items().stream().filter(Item.Test.class::isInstance).map(Item.Test.class::cast).toList();
  }

  public List<Item.Catalog> catalogs() {
    return unit.items().stream().filter(Item.Catalog.class::isInstance).map(Item.Catalog.class::cast).toList();
  }

  Module withDistance(int d) {
    return new Module(key, file, unit, path, d);
  }
}
