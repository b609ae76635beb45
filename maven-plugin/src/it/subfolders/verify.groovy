def log = new File(basedir, "build.log").text
assert new File(basedir, "target/mcppolicy/teams/billing.json").isFile()
assert new File(basedir, "target/mcppolicy/teams/support.json").isFile()
assert !new File(basedir, "target/mcppolicy/shared/base.json").exists() : "a module is not compiled"
assert log.contains("PASS src/test/mcppolicy/teams/billing.trace.jsonl")
assert log.contains("PASS src/test/mcppolicy/teams/support/monday.trace.jsonl: 2 expectations")
assert log.contains("PASS src/test/mcppolicy/cross/any-name.trace.jsonl")
assert new File(basedir, "target/mcppolicy-reports").listFiles().length == 3
assert log.contains("BUILD SUCCESS")
