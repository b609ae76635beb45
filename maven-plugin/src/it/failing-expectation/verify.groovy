def log = new File(basedir, "build.log").text
assert log.contains("src/test/mcppolicy/odoo.trace.jsonl:4: expected allow, got deny") : "the log names the trace line"
assert log.contains("rule: /tools/oca_link/limits/oca_link_rate")
assert log.contains("source: src/main/mcppolicy/odoo.mcppolicy:5:15") : "the rule's source line follows it"
assert log.contains("BUILD FAILURE")
def reportFile = new File(basedir, "target/mcppolicy-reports/TEST-src.test.mcppolicy.odoo%2Etrace.xml")
def report = new groovy.xml.XmlSlurper().parse(reportFile)
assert report.@failures == "1"
assert reportFile.text.contains("source: src/main/mcppolicy/odoo.mcppolicy:5:15") : "and in the JUnit failure text"

assert !(log =~ /(?m)^\s+at [a-z]/) : "no stack trace for a policy problem"
assert log.contains("mcppolicy: 1 failure\n[ERROR]   src/test/mcppolicy/odoo.trace.jsonl:4: expected allow, got deny") : "one MojoFailureException listing each failure"
