def log = new File(basedir, "build.log").text
// the tests pass: the build fails for coverage alone, and says so apart from any test failure
assert log.contains("PASS src/test/mcppolicy/pay.trace.jsonl: 3 expectations")
assert log.contains("coverage: src/main/mcppolicy/pay.mcppolicy: 66.6% (4 of 6 points)")
assert log.contains("  src/main/mcppolicy/pay.mcppolicy:2: default deny: no call to a tool the policy does not list")
assert log.contains("  src/main/mcppolicy/pay.mcppolicy:7: tool refund: limit 2/minute (refund_rate) never reached")
assert log.contains("mcppolicy: coverage below the threshold (coverageThreshold 90):\n[ERROR]   coverage of src/main/mcppolicy/pay.mcppolicy is 66.6% (4 of 6 points), below the threshold of 90%") : "a line of its own in the failure"
assert !log.contains("1 failure") : "no test failure is reported"
assert new File(basedir, "target/mcppolicy-coverage/lcov.info").isFile() : "the reports are written before the build fails"
assert new File(basedir, "target/mcppolicy-coverage/cobertura.xml").isFile()
assert log.contains("BUILD FAILURE")
assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace"
