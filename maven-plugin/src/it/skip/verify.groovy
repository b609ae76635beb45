def log = new File(basedir, "build.log").text
assert log.contains("mcppolicy: skipped (mcppolicy.skip)")
assert log.contains("BUILD SUCCESS")
assert !new File(basedir, "target/mcppolicy").exists()
