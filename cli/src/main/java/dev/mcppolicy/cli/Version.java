package dev.mcppolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version, from a resource the build fills in. */
final class Version implements CommandLine.IVersionProvider {
  static String get() {
    try (InputStream in = Version.class.getResourceAsStream("/mcppolicy-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"mcppolicy " + get()};
  }
}
