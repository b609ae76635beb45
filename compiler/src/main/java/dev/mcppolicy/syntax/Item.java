package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Risk;
import dev.mcppolicy.model.ToolClass;
import java.util.List;
import java.util.Optional;

/** A top-level item of a file. */
public sealed interface Item permits Item.PolicyName, Item.Default, Item.Import, Item.Catalog, Item.Test, Statement {
  Span span();

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R visitPolicyName(PolicyName item);

    R visitDefault(Default item);

    R visitImport(Import item);

    R visitCatalog(Catalog item);

    R visitTest(Test item);

    R visitStatement(Statement item);
  }

  record PolicyName(Str name, Span span) implements Item {
    public <R> R accept(Visitor<R> v) {
      return v.visitPolicyName(this);
    }
  }

  record Default(Posture posture, Span span) implements Item {
    public <R> R accept(Visitor<R> v) {
      return v.visitDefault(this);
    }
  }

  record Import(Str target, Span span) implements Item {
    public <R> R accept(Visitor<R> v) {
      return v.visitImport(this);
    }
  }

  record Catalog(Name id, Optional<Str> title, List<CatalogEntry> entries, Span span) implements Item {
    public Catalog {
      entries = List.copyOf(entries);
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitCatalog(this);
    }
  }

  /**
   * {@code NAME CLASS [RISK] ["description"] [args { NAME TYPE [required], ... }]}; a missing risk is
   * the class's default. Without an {@code args} block the tool's arguments are unknown; with one,
   * they are exactly those listed ({@code args {}}: none).
   */
  record CatalogEntry(Name name, ToolClass toolClass, Optional<Risk> risk, Optional<Str> description,
      Optional<List<ArgDecl>> args, Span span) {
    public CatalogEntry {
      args = args.map(List::copyOf);
    }

    public Risk effectiveRisk() {
      return risk.orElse(toolClass.defaultRisk());
    }

    /** The declared argument called {@code name}, if the entry lists its arguments and that is one. */
    public Optional<ArgDecl> arg(String name) {
      return args.flatMap(list -> list.stream().filter(a -> a.name().value().equals(name)).findFirst());
    }
  }

  /** One argument of a catalog entry: {@code amount integer required}. */
  record ArgDecl(Name name, ArgType type, boolean required, Span span) {}

  record Test(Str name, List<Step> steps, Span span) implements Item {
    public Test {
      steps = List.copyOf(steps);
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitTest(this);
    }
  }
}
