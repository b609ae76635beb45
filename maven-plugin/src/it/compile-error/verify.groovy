def log = new File(basedir, "build.log").text
assert log.contains("src/main/mcppolicy/odoo.mcppolicy:2:24: error[E302]: unknown window 'minutes'") : "file:line:col in the log"
assert log.contains("help: did you mean 'minute'?")
assert log.contains("BUILD FAILURE")
assert !new File(basedir, "target/mcppolicy/odoo.json").exists() : "nothing is written for a policy with errors"

assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace for a policy problem"
assert log.contains("mcppolicy: 1 error\n[ERROR]   src/main/mcppolicy/odoo.mcppolicy:2:24: error[E302]: unknown window 'minutes'")
