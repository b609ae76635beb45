package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --coverage}, {@code --coverage-out} and {@code --coverage-threshold} on test and verify (docs/coverage.md). */
class CoverageCliTest {
  @TempDir
  Path dir;

  Path policy;

  @BeforeEach
  void project() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    policy = Files.writeString(dir.resolve("pay.mcppolicy"), """
        policy "pay"
        default deny
        catalog pay { refund write; balance read }
        allow balance
        tool refund {
          deny if args.amount > 100 message "too much"
        }
        test "refunds" {
          call refund {"amount": 5} expect allow
          call refund {"amount": 500} expect deny
        }
        """);
  }

  @Test
  void theSummaryFollowsTheResults() {
    CliTest.Run r = CliTest.run("test", policy.toString(), "--coverage");
    assertEquals(0, r.code(), r.err());
    String name = policy.toString();
    assertEquals("PASS " + name + ": 1 test\n1 suite (1 case): 1 passed, 0 failed\n"
        + "coverage: " + name + ": 60.0% (3 of 5 points)\n"
        + "  " + name + ":2: default deny: no call to a tool the policy does not list\n"
        + "  " + name + ":4: tool balance: never called and allowed\n", r.out());
  }

  @Test
  void belowTheThresholdIsExitOneWithALineOfItsOwn() throws Exception {
    CliTest.Run below = CliTest.run("verify", dir.toString(), "--coverage-threshold", "75");
    assertEquals(1, below.code());
    assertTrue(below.out().contains("1 suite (1 case): 1 passed, 0 failed\n"), "the tests passed: " + below.out());
    assertEquals("mcppolicy: coverage below the threshold: coverage of " + policy + " is 60.0% (3 of 5 points), "
        + "below the threshold of 75%\n", below.err());
    CliTest.Run met = CliTest.run("verify", dir.toString(), "--coverage-threshold", "60%");
    assertEquals(0, met.code(), met.err());
    assertEquals("", met.err());
  }

  @Test
  void aFailedTestIsStillATestFailure() throws Exception {
    Files.writeString(policy, Files.readString(policy).replace("{\"amount\": 500} expect deny", "{\"amount\": 500} expect allow"));
    CliTest.Run r = CliTest.run("test", policy.toString(), "--coverage-threshold", "10");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("FAIL " + policy + ": 1 of 1 test failed"), r.out());
    assertFalse(r.err().contains("coverage below the threshold"), "60% is above 10%: " + r.err());
  }

  @Test
  void theReportFilesAreWrittenWhereAsked() throws Exception {
    Path out = dir.resolve("build/coverage");
    CliTest.Run r = CliTest.run("test", policy.toString(), "--coverage-out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("coverage: " + policy + ": 60.0% (3 of 5 points)"), r.out());
    String lcov = Files.readString(out.resolve("lcov.info"));
    assertTrue(lcov.startsWith("TN:mcppolicy\nSF:" + policy + "\n"), lcov);
    assertTrue(lcov.contains("BRF:5\nBRH:3\n"), lcov);
    assertTrue(Files.readString(out.resolve("cobertura.xml")).contains("branches-covered=\"3\" branches-valid=\"5\""));
  }

  @Test
  void aThresholdThatIsNotAPercentageIsExitTwo() {
    for (String bad : new String[] {"abc", "120", "-5"}) {
      CliTest.Run r = CliTest.run("test", policy.toString(), "--coverage-threshold", bad);
      assertEquals(2, r.code(), bad);
      assertTrue(r.err().contains("--coverage-threshold: a coverage threshold is a percentage from 0 to 100, as in 90 or 87.5, not '"
          + bad + "'"), r.err());
    }
  }

  @Test
  void aCoverageFolderThatCannotBeWrittenIsExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "a file, not a folder");
    CliTest.Run r = CliTest.run("test", policy.toString(), "--coverage-out", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("mcppolicy: cannot write coverage to " + file + ": "), r.err());
  }
}
