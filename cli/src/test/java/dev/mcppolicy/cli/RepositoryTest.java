package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no file reaches outside it (a clone has nothing beside it), and
 * every relative link in the docs leads to a file in the repository. {@code LauncherIT} proves
 * the same by building and running a copy that has nothing beside it.
 */
class RepositoryTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|(?<![\\w/])shared/(spec|catalogs|style|hooks)");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)\\s]*)?\\)");

  @Test
  void noFileReadsOrLinksOutsideTheRepository() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : files()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        if (OUTSIDE.matcher(lines.get(i)).find()) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void everyRelativeLinkInTheDocsLeadsToAFileInTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path file : files()) {
      if (!file.toString().endsWith(".md")) {
        continue;
      }
      Matcher m = LINK.matcher(Files.readString(file));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        links++;
        Path resolved = file.getParent().resolve(target).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(file) + ": " + target);
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(links > 10, "the README and docs link to each other: " + links + " links found");
  }

  /** The repository's own files: everything but build output and hidden folders (.git, .idea). */
  static List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(ROOT)) {
      return all.filter(Files::isRegularFile).filter(p -> {
        for (Path part : ROOT.relativize(p)) {
          String s = part.toString();
          if (s.equals("target") || s.startsWith(".") && !s.equals(".ci") && !s.equals(".gitignore")) {
            return false;
          }
        }
        return !p.toString().endsWith(".trace.jsonl") && !p.toString().endsWith(".tsv");
      }).sorted().toList();
    }
  }
}
