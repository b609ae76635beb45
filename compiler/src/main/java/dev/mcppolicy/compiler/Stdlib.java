package dev.mcppolicy.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The standard library shipped as resources of the stdlib jar: {@code std/servers/NAME} and
 * {@code std/presets/NAME}, listed in {@code std/modules.txt} (explicit registration, no classpath
 * scanning).
 */
public final class Stdlib {
  public static final String PREFIX = "std/";
  private static final String EXTENSION = ".mcppolicy";

  private Stdlib() {}

  /** Every stdlib module, as written in an import: {@code std/presets/recommended}. */
  public static List<String> modules() {
    return read("std/modules.txt")
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8).lines()
            .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList())
        .orElse(List.of());
  }

  /** The source of a module named as in an import ({@code std/...}, extension optional). */
  public static Optional<byte[]> source(String importPath) {
    String path = importPath.endsWith(EXTENSION) ? importPath : importPath + EXTENSION;
    if (!path.startsWith(PREFIX) || path.contains("..") || path.contains("//") || path.contains("\\")) {
      return Optional.empty();
    }
    return read(path);
  }

  /** The name diagnostics show for a stdlib module. */
  public static String displayName(String importPath) {
    return importPath.endsWith(EXTENSION) ? importPath : importPath + EXTENSION;
  }

  private static Optional<byte[]> read(String resource) {
    try (InputStream in = Stdlib.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
