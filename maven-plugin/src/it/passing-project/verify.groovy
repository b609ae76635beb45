def log = new File(basedir, "build.log").text
def out = new File(basedir, "target/mcppolicy/odoo.json")
assert out.isFile() : "the policy compiled to target/mcppolicy/odoo.json"
assert out.text.contains('"counter": "oca_link_rate"')
assert log.contains("PASS src/test/mcppolicy/odoo.trace.jsonl: 4 expectations")
def report = new File(basedir, "target/mcppolicy-reports/TEST-src.test.mcppolicy.odoo%2Etrace.xml")
assert report.isFile() : "a Surefire report"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.name() == "testsuite"
assert suite.@tests == "4" && suite.@failures == "0"
assert log.contains("BUILD SUCCESS")
