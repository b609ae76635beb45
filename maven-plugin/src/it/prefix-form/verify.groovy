def log = new File(basedir, "build.log").text
assert log.contains("mcppolicy-maven-plugin") && log.contains(":verify")
assert new File(basedir, "target/mcppolicy/odoo.json").isFile() : "mvn mcppolicy:verify compiles too"
assert new File(basedir, "target/mcppolicy-reports/TEST-src.test.mcppolicy.odoo%2Etrace.xml").isFile()
assert log.contains("BUILD SUCCESS")
