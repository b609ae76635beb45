def log = new File(basedir, "build.log").text
assert log.contains("warning[E204]: the glob 'odoo_nothing_*' matches no tool in the catalog")
assert log.contains("1 warning (failOnWarning)")
assert log.contains("BUILD FAILURE")

assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace for a policy problem"
