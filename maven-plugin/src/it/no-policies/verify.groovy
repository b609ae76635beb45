// A project that declares the plugin but has no policies yet stays green, with a warning, as
// Surefire does without tests.
def log = new File(basedir, "build.log").text
assert log.contains("[WARNING] mcppolicy: nothing to do: no ")
assert log.contains("BUILD SUCCESS")
