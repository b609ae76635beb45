def log = new File(basedir, "build.log").text
assert log.contains("PASS src/test/mcppolicy/odoo-tests.mcppolicy: 1 test")
def report = new groovy.xml.XmlSlurper().parse(new File(basedir, "target/mcppolicy-reports/TEST-src.test.mcppolicy.odoo-tests.xml"))
assert report.testcase[0].@name == "oca_link is capped"
assert log.contains("BUILD SUCCESS")
