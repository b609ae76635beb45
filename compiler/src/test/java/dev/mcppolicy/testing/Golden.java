package dev.mcppolicy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: compares actual text with a committed file. With
 * {@code -Dgolden.update=true} the file is (re)written instead; a missing file is written and the
 * test fails, so a new case is never silently green.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty("golden.update", "false"));
  }

  public static void assertMatches(Path expectedFile, String actual) throws IOException {
    if (updating()) {
      Files.createDirectories(expectedFile.toAbsolutePath().getParent());
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(expectedFile)) {
      Files.createDirectories(expectedFile.toAbsolutePath().getParent());
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      fail("golden file " + expectedFile + " was missing and has been written: review it and run again");
    }
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
        "differs from " + expectedFile + " (regenerate with -Dgolden.update=true and review the diff)");
  }
}
