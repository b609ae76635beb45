def log = new File(basedir, "build.log").text
assert log.contains("BUILD SUCCESS")
assert log.contains("mcppolicy: shop.mcppolicy: Plan: 1 change to 1 tool: 1 permissive, 0 restrictive, 0 changed.")
assert log.contains("Traffic: 2 calls, 1 flip: 0 allow -> deny, 1 deny -> allow")
def md = new File(basedir, "target/mcppolicy-reports/diff.md").text
assert md.contains("#### shop.mcppolicy")
assert md.contains("| permissive | `checkout` | limit | `1/minute as checkout_rate` | `2/minute as checkout_rate` |")
def jsonl = new File(basedir, "target/mcppolicy-reports/diff.jsonl").readLines()
assert jsonl.size() == 3 : jsonl
assert jsonl[0].startsWith('{"change":{"tool":"checkout","kind":"limit","class":"permissive"')
assert jsonl[1].contains('"cause":"limit"')
assert jsonl[2].startsWith('{"summary":{"calls":2,"flips":1,')
