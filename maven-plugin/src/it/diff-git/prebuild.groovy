// A throw-away repository: the policy as deployed (HEAD~1: refunds over 50 denied), then the
// change (HEAD: over 100), so that git:HEAD~1 is the baseline and the change is permissive.
def git(String... args) {
  def p = (["git", "-C", basedir.path] + args.toList()).execute()
  p.waitFor()
  assert p.exitValue() == 0 : "git ${args.join(' ')}: ${p.err.text}"
}
def policy = new File(basedir, "src/main/mcppolicy/shop.mcppolicy")
def now = policy.text
git("init", "-q")
policy.text = now.replace("> 100", "> 50").replace("refunds no longer capped", "refunds over 50 denied")
git("add", ".")
git("-c", "user.name=it", "-c", "user.email=it@example.org", "commit", "-q", "-m", "deployed")
policy.text = now
git("add", ".")
git("-c", "user.name=it", "-c", "user.email=it@example.org", "commit", "-q", "-m", "change")
return true
