package dev.mcppolicy.model;

/** Rule identifiers: JSON Pointers into the policy document (RFC 6901 escaping). */
public final class RuleIds {
  public static final String HIDDEN = "(hidden)";
  public static final String DEFAULT_DENY = "(default deny)";

  private RuleIds() {}

  /** {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  public static String require(String tool, int index) {
    return "/tools/" + escape(tool) + "/require/" + index;
  }

  public static String denyIf(String tool, int index) {
    return "/tools/" + escape(tool) + "/deny_if/" + index;
  }

  public static String toolLimit(String tool, String counter) {
    return "/tools/" + escape(tool) + "/limits/" + escape(counter);
  }

  public static String allToolsLimit(String counter) {
    return "/all_tools/limits/" + escape(counter);
  }
}
