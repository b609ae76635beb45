package dev.mcppolicy.compiler;

import dev.mcppolicy.io.FileTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder every path read on a user's behalf must stay inside: imports, a trace header's
 * policy, a test's {@code replay} file, and files found through symbolic links. It is
 * {@code --root} when given, else the nearest folder above the file that holds a {@code pom.xml} or
 * {@code .git}, else the file's own folder. A path stays inside when it does as written (no
 * {@code ..} out of it) and once its symbolic links are resolved.
 */
public final class ProjectRoot {
  private final Path dir;
  private final Path real;

  private ProjectRoot(Path dir) {
    this.dir = dir;
    this.real = FileTree.realPath(dir);
  }

  /** The root for {@code file} (a file or a folder being searched) under {@code options}. */
  public static ProjectRoot of(Path file, CompileOptions options) {
    Path absolute = file.toAbsolutePath().normalize();
    return new ProjectRoot(options.root().map(r -> r.toAbsolutePath().normalize()).orElseGet(() -> nearest(absolute)));
  }

  public Path dir() {
    return dir;
  }

  /** Empty when {@code path} stays inside the root; else why it does not, in words. */
  public Optional<String> escape(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(dir)) {
      return Optional.of("it leaves the project root " + dir);
    }
    if (Files.exists(absolute)) {
      Path target = FileTree.realPath(absolute);
      if (!target.startsWith(real)) {
        return Optional.of("it resolves through a symbolic link to " + target + ", outside the project root " + dir);
      }
    }
    return Optional.empty();
  }

  /** The nearest folder above {@code file} holding a pom.xml or .git, else the file's folder. */
  static Path nearest(Path file) {
    Path start = Files.isDirectory(file) ? file : file.getParent();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("pom.xml")) || Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return start;
  }
}
