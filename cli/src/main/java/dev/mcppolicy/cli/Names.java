package dev.mcppolicy.cli;

import java.nio.file.Path;

/** How the CLI names a file in messages: relative to the working folder when inside it. */
final class Names {
  private Names() {}

  static String of(Path p) {
    Path absolute = p.toAbsolutePath().normalize();
    Path base = Path.of("").toAbsolutePath();
    String s = (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
