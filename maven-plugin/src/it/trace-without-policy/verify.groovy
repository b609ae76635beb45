// Traces with no src/main/mcppolicy used to be skipped and the build passed: now each is an error.
def log = new File(basedir, "build.log").text
assert log.contains("src/test/mcppolicy/odoo.trace.jsonl: no policy to replay this trace against")
assert log.contains("BUILD FAILURE")
assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace for a setup problem"
