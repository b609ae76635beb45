package dev.mcppolicy.io;

import java.nio.file.Path;

/** How files are named in messages: relative to the working folder when inside it, with forward slashes. */
public final class DisplayNames {
  private DisplayNames() {}

  public static String of(Path p, Path workingDirectory) {
    Path absolute = p.toAbsolutePath().normalize();
    Path base = workingDirectory.toAbsolutePath().normalize();
    String s = (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
