package dev.mcppolicy.cli;

import java.nio.file.Path;

/** How the CLI names a file in messages: relative to the working folder when inside it. */
final class Names {
  private Names() {}

  static String of(Path p) {
    return dev.mcppolicy.io.DisplayNames.of(p, Path.of(""));
  }
}
