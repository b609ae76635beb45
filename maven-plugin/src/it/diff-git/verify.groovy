def log = new File(basedir, "build.log").text
assert log.contains("BUILD FAILURE")
assert log.contains("mcppolicy: shop.mcppolicy: Plan: 1 change to 1 tool: 1 permissive, 0 restrictive, 0 changed.")
assert log.contains("mcppolicy: the change lets more through (failOn=permissive)")
def md = new File(basedir, "target/mcppolicy-reports/diff.md").text
assert md.contains("| permissive | `refund` | deny_if | `args.amount gt 50` | `args.amount gt 100` |")
assert md.contains("| `deny by /tools/refund/deny_if/0 at src/main/mcppolicy/shop.mcppolicy:5:3` | `allow` | rule |")
assert log.contains("Traffic: 1 call, 1 flip: 0 allow -> deny, 1 deny -> allow")
assert !log.contains("\tat ") : "no stack trace"
