package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} runs the lints: warnings by default, errors under {@code --strict}, in every format, silenced by a comment. */
class LintCliTest {
  @TempDir
  Path dir;

  private Path policy(String limits) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    return Files.writeString(dir.resolve("p.mcppolicy"), "default deny\ncatalog c { a write }\ntool a {\n" + limits + "}\n");
  }

  @Test
  void aLintIsAWarningAndUnderStrictAnError() throws Exception {
    Path p = policy("  limit 10/minute per grant\n  limit 5/hour per grant\n");
    CliTest.Run plain = CliTest.run("check", p.toString());
    assertEquals(0, plain.code(), plain.err());
    assertTrue(plain.err().contains(p + ":4:3: warning[E704]: the limit 10/minute of tool 'a' can never bind: "
        + "5/hour (a_rate_hour) allows no more calls over a longer window"), plain.err());
    assertTrue(plain.err().contains("note: the limit that binds first (" + p + ":5:3)"), plain.err());
    CliTest.Run strict = CliTest.run("check", "--strict", p.toString());
    assertEquals(1, strict.code());
    assertTrue(strict.err().contains("error[E704]"), strict.err());
  }

  @Test
  void sarifAndJsonCarryTheLintAndItsWitness() throws Exception {
    Path p = policy("  limit 10/minute per grant\n  limit 5/hour per grant\n");
    CliTest.Run sarif = CliTest.run("check", "--diagnostics", "sarif", p.toString());
    assertTrue(sarif.err().contains("\"ruleId\": \"E704\""), sarif.err());
    assertTrue(sarif.err().contains("\"relatedLocations\""), "the witness is a related location: " + sarif.err());
    CliTest.Run json = CliTest.run("check", "--diagnostics", "json", p.toString());
    assertTrue(json.err().contains("\"code\": \"E704\""), json.err());
  }

  @Test
  void aCommentOnTheLineBeforeSilencesThatCodeThere() throws Exception {
    Path p = policy("  # mcppolicy: allow E704\n  limit 10/minute per grant\n  limit 5/hour per grant\n");
    CliTest.Run r = CliTest.run("check", "--strict", p.toString());
    assertEquals(0, r.code(), r.err());
    Path other = policy("  # mcppolicy: allow E701\n  limit 10/minute per grant\n  limit 5/hour per grant\n");
    assertEquals(1, CliTest.run("check", "--strict", other.toString()).code(), "another code is not silenced");
  }
}
