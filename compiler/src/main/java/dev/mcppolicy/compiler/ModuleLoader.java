package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.io.FileTree;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.Parser;
import dev.mcppolicy.syntax.SourceUnit;
import dev.mcppolicy.syntax.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a file and everything it imports (language.md section 7): {@code std/...} from the stdlib,
 * anything else relative to the importing file, confined to the project root, with cycles and
 * over-deep chains reported at the import that causes them.
 */
final class ModuleLoader {
  static final int MAX_IMPORT_DEPTH = 32;
  private static final String EXTENSION = ".mcppolicy";

  private final CompileOptions options;
  private final Diagnostics sink;
  private final Map<String, Module> loaded = new HashMap<>();
  private final Map<String, List<String>> edges = new HashMap<>();
  /** Where each module first imports each of its targets: importer key, then target key. */
  private final Map<String, Map<String, dev.mcppolicy.diag.Span>> importSpans = new HashMap<>();
  private final List<String> postOrder = new ArrayList<>();
  private final Deque<Module> stack = new ArrayDeque<>();
  private Path root;
  private Path realRoot;
  private boolean syntaxErrors;

  ModuleLoader(CompileOptions options, Diagnostics sink) {
    this.options = options;
    this.sink = sink;
  }

  /** The loaded program, and whether any file had syntax errors (later phases then stop). */
  record Loaded(Program program, boolean syntaxErrors) {}

  /** Loads {@code file}; empty when the file itself cannot be read (reported to the sink). */
  Optional<Loaded> load(Path file, Optional<byte[]> text) {
    Path absolute = file.toAbsolutePath().normalize();
    root = ProjectRoot.of(absolute, options).dir();
    realRoot = FileTree.realPath(root);
    byte[] bytes;
    try {
      bytes = text.isPresent() ? text.get() : options.sources().read(absolute);
    } catch (IOException e) {
      sink.add(new Diagnostic(Code.E107.defaultSeverity(), Code.E107,
          "cannot read " + displayName(absolute) + ": " + reason(e), Optional.empty(), Optional.empty(), List.of()));
      return Optional.empty();
    }
    Module rootModule = parse("file:" + FileTree.realPath(absolute), displayName(absolute), bytes, Optional.of(absolute));
    visit(rootModule, 0);
    Map<String, String> importers = new HashMap<>();
    Map<String, Integer> distances = distances(rootModule.key(), importers);
    Map<String, dev.mcppolicy.diag.Span> importedAt = new HashMap<>();
    importers.forEach((module, importer) -> importedAt.put(module, importSpans.get(importer).get(module)));
    List<Module> ordered = new ArrayList<>();
    for (String key : postOrder) {
      ordered.add(loaded.get(key).withDistance(distances.getOrDefault(key, 0)));
    }
    Module finalRoot = ordered.get(ordered.size() - 1);
    return Optional.of(new Loaded(new Program(finalRoot, ordered, importers, importedAt), syntaxErrors));
  }

  private void visit(Module module, int depth) {
    loaded.put(module.key(), module);
    stack.push(module);
    List<String> targets = new ArrayList<>();
    boolean statementsSeen = false;
    for (Item item : module.unit().items()) {
      if (item instanceof Statement) {
        statementsSeen = true;
      }
      if (!(item instanceof Item.Import imp)) {
        continue;
      }
      if (statementsSeen) {
        sink.add(Diagnostic.of(Code.E103, "imports come before the statements of a file", module.file(), imp.span())
            .withHelp("move this import to the top, after 'policy' and 'default'"));
      }
      Optional<Module> target = resolve(module, imp);
      if (target.isEmpty()) {
        continue;
      }
      Module next = target.get();
      if (stack.stream().anyMatch(m -> m.key().equals(next.key()))) {
        sink.add(Diagnostic.of(Code.E106, "import cycle: " + cycle(next), module.file(), imp.target().span()));
        continue;
      }
      targets.add(next.key());
      importSpans.computeIfAbsent(module.key(), k -> new HashMap<>()).putIfAbsent(next.key(), imp.span());
      if (loaded.containsKey(next.key())) {
        continue; // importing the same module twice is harmless
      }
      if (depth + 1 > MAX_IMPORT_DEPTH) {
        sink.add(Diagnostic.of(Code.E109, "imports are nested more than " + MAX_IMPORT_DEPTH + " levels deep",
            module.file(), imp.target().span()));
        continue;
      }
      visit(next, depth + 1);
    }
    edges.put(module.key(), targets);
    stack.pop();
    postOrder.add(module.key());
  }

  private String cycle(Module back) {
    List<String> names = new ArrayList<>();
    List<Module> path = new ArrayList<>(stack);
    java.util.Collections.reverse(path);
    boolean in = false;
    for (Module m : path) {
      in |= m.key().equals(back.key());
      if (in) {
        names.add(m.file().name());
      }
    }
    names.add(back.file().name());
    return String.join(" -> ", names);
  }

  /** Finds, reads and parses an import's target, or reports why it cannot. */
  private Optional<Module> resolve(Module from, Item.Import imp) {
    String target = imp.target().value();
    if (target.indexOf('\0') >= 0) {
      // no file system can hold the name (Java refuses to make a path of it)
      StringBuilder shown = new StringBuilder();
      dev.mcppolicy.json.JsonWriter.writeString(target, shown);
      sink.add(Diagnostic.of(Code.E104, "import " + shown + " cannot name a file: it holds a NUL character",
          from.file(), imp.target().span()));
      return Optional.empty();
    }
    if (target.startsWith(Stdlib.PREFIX) || (from.isStdlib() && !target.startsWith("/"))) {
      String name = target.startsWith(Stdlib.PREFIX) ? target : stdlibRelative(from, target);
      if (name == null) {
        sink.add(Diagnostic.of(Code.E105, "import \"" + target + "\" leaves the standard library", from.file(),
            imp.target().span()));
        return Optional.empty();
      }
      Optional<byte[]> source = Stdlib.source(name);
      if (source.isEmpty()) {
        Diagnostic d = Diagnostic.of(Code.E104, "no module \"" + target + "\" in the standard library",
            from.file(), imp.target().span());
        String bare = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        sink.add(Suggestions.closest(bare, Stdlib.modules()).map(s -> d.withHelp("did you mean \"" + s + "\"?"))
            .orElse(d.withHelp("the standard library has: " + String.join(", ", Stdlib.modules()))));
        return Optional.empty();
      }
      String key = "std:" + Stdlib.displayName(name);
      Module known = loaded.get(key);
      return Optional.of(known != null ? known : parse(key, Stdlib.displayName(name), source.get(), Optional.empty()));
    }
    if (target.isEmpty() || target.startsWith("/") || target.startsWith("\\") || target.matches("^[A-Za-z]:.*")) {
      sink.add(Diagnostic.of(Code.E105, "import \"" + target + "\" is an absolute path; imports are relative to "
          + "the importing file", from.file(), imp.target().span()));
      return Optional.empty();
    }
    String relative = target.endsWith(EXTENSION) ? target : target + EXTENSION;
    Path fromDir = from.path().orElseThrow().getParent();
    List<Path> candidates = new ArrayList<>();
    candidates.add(fromDir.resolve(relative).normalize());
    for (Path dir : options.importPath()) {
      candidates.add(dir.toAbsolutePath().normalize().resolve(relative).normalize());
    }
    Path first = candidates.get(0);
    if (!insideAllowed(first)) {
      sink.add(Diagnostic.of(Code.E105, "import \"" + target + "\" leaves the project root",
          from.file(), imp.target().span()).withHelp("the project root is " + displayName(root)
              + " (the nearest folder with a pom.xml or .git); imports stay inside it, or set another with --root"));
      return Optional.empty();
    }
    for (Path candidate : candidates) {
      if (!insideAllowed(candidate) || !options.sources().isFile(candidate)) {
        continue;
      }
      Path real = FileTree.realPath(candidate);
      if (!real.startsWith(realRoot) && options.importPath().stream().noneMatch(d -> real.startsWith(FileTree.realPath(d)))) {
        sink.add(Diagnostic.of(Code.E105, "import \"" + target + "\" resolves through a symbolic link to "
            + real + ", outside the project root", from.file(), imp.target().span()));
        return Optional.empty();
      }
      String key = "file:" + real;
      Module known = loaded.get(key);
      if (known != null) {
        return Optional.of(known);
      }
      try {
        return Optional.of(parse(key, displayName(candidate), options.sources().read(candidate), Optional.of(candidate)));
      } catch (IOException e) {
        sink.add(Diagnostic.of(Code.E107, "cannot read " + displayName(candidate) + ": " + reason(e),
            from.file(), imp.target().span()));
        return Optional.empty();
      }
    }
    Diagnostic d = Diagnostic.of(Code.E104, "cannot find module \"" + target + "\" (looked for "
        + displayName(first) + ")", from.file(), imp.target().span());
    sink.add(siblingSuggestion(fromDir, relative).map(s -> d.withHelp("did you mean \"" + s + "\"?")).orElse(d));
    return Optional.empty();
  }

  private boolean insideAllowed(Path p) {
    return p.startsWith(root) || options.importPath().stream().anyMatch(d -> p.startsWith(d.toAbsolutePath().normalize()));
  }

  private static String stdlibRelative(Module from, String target) {
    String dir = from.key().substring("std:".length());
    dir = dir.substring(0, dir.lastIndexOf('/') + 1);
    String joined = Path.of(dir + target).normalize().toString().replace('\\', '/');
    return joined.startsWith(Stdlib.PREFIX) ? joined : null;
  }

  private Optional<String> siblingSuggestion(Path dir, String relative) {
    Path wanted = dir.resolve(relative).normalize();
    Path parent = wanted.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(parent)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(EXTENSION))
          .map(n -> n.substring(0, n.length() - EXTENSION.length())).sorted().toList();
      String base = wanted.getFileName().toString();
      base = base.substring(0, base.length() - EXTENSION.length());
      String prefix = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
      return Suggestions.closest(base, names).map(n -> prefix + n);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Module parse(String key, String name, byte[] bytes, Optional<Path> path) {
    Optional<SourceFile> file = Parser.decode(name, bytes, sink);
    if (file.isEmpty()) {
      syntaxErrors = true;
      return new Module(key, new SourceFile(name, ""), new SourceUnit(List.of(), List.of()), path, 0);
    }
    Parser.Result result = Parser.parse(file.get(), sink);
    syntaxErrors |= result.syntaxErrors();
    return new Module(key, file.get(), result.unit(), path, 0);
  }

  /** Import steps from the root to each module, breadth first; {@code importers} gets each module's nearest importer. */
  private Map<String, Integer> distances(String rootKey, Map<String, String> importers) {
    Map<String, Integer> out = new LinkedHashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    out.put(rootKey, 0);
    queue.add(rootKey);
    while (!queue.isEmpty()) {
      String key = queue.poll();
      for (String next : edges.getOrDefault(key, List.of())) {
        if (!out.containsKey(next)) {
          out.put(next, out.get(key) + 1);
          importers.put(next, key);
          queue.add(next);
        }
      }
    }
    return out;
  }

  String displayName(Path p) {
    return dev.mcppolicy.io.DisplayNames.of(p, options.workingDirectory());
  }

  private static String reason(IOException e) {
    return Files.isDirectory(pathOf(e)) ? "it is a directory" : dev.mcppolicy.io.IoErrors.describe(e);
  }

  private static Path pathOf(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : Path.of("");
  }
}
