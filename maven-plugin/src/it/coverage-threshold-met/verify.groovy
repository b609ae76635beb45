def log = new File(basedir, "build.log").text
assert log.contains("coverage: src/main/mcppolicy/pay.mcppolicy: 83.3% (5 of 6 points)")
def lcov = new File(basedir, "target/mcppolicy-coverage/lcov.info").text
assert lcov.startsWith("TN:mcppolicy\nSF:src/main/mcppolicy/pay.mcppolicy\n")
assert lcov.contains("DA:6,3\n") : "the three points of the deny if line (the tool allowed, the rule fired and not) are covered"
assert lcov.contains("BRDA:2,0,0,0\n") : "default deny never exercised"
def slurper = new groovy.xml.XmlSlurper(false, false, true) // it declares the Cobertura DTD, which is not fetched
slurper.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false)
def xml = slurper.parse(new File(basedir, "target/mcppolicy-coverage/cobertura.xml"))
assert xml.@"branches-covered" == "5" && xml.@"branches-valid" == "6"
assert log.contains("BUILD SUCCESS")
