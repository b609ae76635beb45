def log = new File(basedir, "build.log").text
assert log.contains("warning[E203]: unknown tool 'odoo_serch'")
assert log.contains("1 warning (failOnWarning)")
assert log.contains("BUILD FAILURE")

assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace for a policy problem"
