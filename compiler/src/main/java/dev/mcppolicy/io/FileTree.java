package dev.mcppolicy.io;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The files and folders under a folder, as a search for policies, tests and traces sees them:
 * symbolic links are followed, but never out of the project root and never round a loop; what
 * cannot be followed or read is reported, never skipped without a word.
 */
public final class FileTree {
  private FileTree() {}

  /**
   * What a walk found, each list sorted.
   *
   * @param problems links that loop, lead nowhere or leave the project root, and folders that cannot be read
   */
  public record Listing(List<Path> files, List<Path> folders, List<String> problems) {
    public Listing {
      files = List.copyOf(files);
      folders = List.copyOf(folders);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Walks {@code top} at most {@code depth} levels down (1: its own files), entering a folder below
   * it only when {@code enter} says so.
   *
   * @param root the project root: a link whose target is outside it is reported, not followed
   * @param wanted files a broken link would have been worth reporting for (a dangling link to a
   *     {@code .mcppolicy} is a problem; one to anything else is none of this walk's business)
   * @param names how a path is named in problems
   */
  public static Listing walk(Path top, int depth, Path root, Predicate<Path> enter, Predicate<Path> wanted,
      Function<Path, String> names) {
    List<Path> files = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Path realRoot = realPath(root);
    try {
      Files.walkFileTree(top, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(top) && !enter.test(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (outside(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          folders.add(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink()) { // a link that could not be followed
            if (wanted.test(file)) {
              problems.add(names.apply(file) + ": a symbolic link that leads nowhere (a loop, or a missing target)");
            }
          } else if (attrs.isRegularFile() && wanted.test(file) && !outside(file)) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (e instanceof FileSystemLoopException) {
            problems.add(names.apply(file) + ": a symbolic link loop (it leads back to a folder above it); not followed");
          } else {
            problems.add("cannot read " + names.apply(file) + ": " + IoErrors.describe(e));
          }
          return FileVisitResult.CONTINUE;
        }

        private boolean outside(Path p) {
          if (!Files.isSymbolicLink(p)) {
            return false;
          }
          Path target = realPath(p);
          if (target.startsWith(realRoot)) {
            return false;
          }
          problems.add(names.apply(p) + ": a symbolic link to " + target + ", outside the project root "
              + names.apply(root) + "; not followed");
          return true;
        }
      });
    } catch (IOException e) {
      problems.add("cannot read " + names.apply(top) + ": " + IoErrors.describe(e));
    }
    files.sort(null);
    folders.sort(null);
    return new Listing(files, folders, problems);
  }

  /**
   * Where {@code p} really is, its symbolic links resolved; a path that cannot be resolved (it does
   * not exist, or a link in it leads nowhere) as it is written, absolute and normalized.
   */
  public static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
