package dev.mcppolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Loading a policy.json (docs/decision-model.md, "Loading"): each kind of bad document, with the JSON path and line reported. */
class PolicyJsonTest {
  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of("{\"default\": \"deny\"}", "1:1: $: missing member 'version' (it must be \"1\")"),
        Arguments.of("{\"version\": 1, \"default\": \"deny\"}", "1:13: $.version: version must be the string \"1\""),
        Arguments.of("{\"version\": \"1\"}", "1:1: $: missing member 'default' (\"allow\" or \"deny\")"),
        Arguments.of("{\"version\": \"1\", \"default\": \"maybe\"}", "1:29: $.default: default must be \"allow\" or \"deny\""),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\",\n \"tool\": {}}",
            "2:10: $.tool: unknown member 'tool' (allowed here: all_tools, default, hide, tools, version)"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"hide\": \"x\"}", "1:45: $.hide: expected a list, found a string"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"deny\": []}}}",
            "1:61: $.tools.t.deny: unknown member 'deny' (allowed here: deny_if, limits, require)"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"deny_if\": [{\"conditions\": "
            + "[{\"path\": \"args.a\", \"op\": \"like\", \"value\": 1}]}]}}}",
            "1:106: $.tools.t.deny_if[0].conditions[0].op: unknown op 'like' (one of eq, neq, in, not_in, lt, lte, gt, gte, regex, contains, exists)"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"deny_if\": [{\"conditions\": "
            + "[{\"path\": \"args.a\", \"op\": \"regex\", \"value\": \"(\"}]}]}}}",
            "1:124: $.tools.t.deny_if[0].conditions[0].value: invalid RE2 pattern: missing closing )"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"deny_if\": [{\"conditions\": "
            + "[{\"path\": \"amount\", \"op\": \"gt\", \"value\": 1}]}]}}}",
            "1:90: $.tools.t.deny_if[0].conditions[0].path: a path must start with 'args.' and name an argument"),
        Arguments.of(limitDoc("\"counter\": \"c\", \"window\": \"week\", \"max\": 1, \"scope\": \"grant\""),
            "1:91: $.tools.t.limits[0].window: window must be \"minute\", \"hour\" or \"day\", not \"week\""),
        Arguments.of(limitDoc("\"counter\": \"c\", \"window\": \"day\", \"max\": 0, \"scope\": \"grant\""),
            "1:105: $.tools.t.limits[0].max: max must be a positive integer (at most 9223372036854775807), written without fraction or exponent"),
        Arguments.of(limitDoc("\"counter\": \"c\", \"window\": \"day\", \"max\": 1.5, \"scope\": \"grant\""),
            "1:105: $.tools.t.limits[0].max: max must be a positive integer (at most 9223372036854775807), written without fraction or exponent"),
        Arguments.of(limitDoc("\"counter\": \"c\", \"window\": \"day\", \"max\": 1, \"scope\": \"user\""),
            "1:117: $.tools.t.limits[0].scope: scope must be \"grant\", not \"user\""),
        Arguments.of(limitDoc("\"counter\": \"c\", \"window\": \"day\", \"max\": 1, \"scope\": \"grant\"}, "
            + "{\"counter\": \"c\", \"window\": \"hour\", \"max\": 2, \"scope\": \"grant\""),
            "1:139: $.tools.t.limits[1].counter: duplicate counter name 'c'"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"odd name\": 5}}",
            "1:59: $.tools[\"odd name\"]: expected an object, found a number"),
        Arguments.of("{\"version\": \"1\", \"default\": \"deny\",", "1:36: $: Unexpected end-of-input within/between Object entries"),
        Arguments.of("{\"version\": \"1\", \"version\": \"1\"}", "1:18: $: Duplicate field 'version'"),
        Arguments.of("[".repeat(100), "1:65: $: the JSON is nested more than 64 levels deep"));
  }

  private static String limitDoc(String limit) {
    return "{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"limits\": [{" + limit + "}]}}}";
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badDocuments")
  void badDocumentsAreRejectedWithPathAndLine(String json, String firstProblem) {
    PolicyJson.LoadResult result = PolicyJson.read(json);
    assertTrue(result.document().isEmpty(), "a bad document must not load");
    assertEquals(firstProblem, result.problems().get(0).toString());
  }

  @Test
  void everyProblemOfADocumentIsReported() {
    PolicyJson.LoadResult result = PolicyJson.read("{\"version\": 2, \"default\": \"x\", \"extra\": 1}");
    assertEquals(3, result.problems().size(), result.problems().toString());
  }

  @Test
  void aHandWrittenDocumentLoadsAndPrintsCanonically() {
    String json = "{\"tools\": {\"b\": {}, \"a\": {\"limits\": [{\"scope\": \"grant\", \"max\": 10, \"window\": \"minute\", "
        + "\"counter\": \"a_rate\"}]}}, \"hide\": [\"z\", \"y\"], \"default\": \"deny\", \"version\": \"1\"}";
    PolicyJson.LoadResult result = PolicyJson.read(json);
    assertEquals(List.of(), result.problems());
    assertEquals("""
        {
          "version": "1",
          "default": "deny",
          "hide": [
            "y",
            "z"
          ],
          "tools": {
            "a": {
              "limits": [
                {
                  "counter": "a_rate",
                  "window": "minute",
                  "max": 10,
                  "scope": "grant"
                }
              ]
            },
            "b": {}
          }
        }
        """, PolicyJson.canonical(result.document().orElseThrow()));
  }

  @Test
  void codePointOrderDiffersFromUtf16Order() {
    // U+FF5E (fullwidth tilde) < U+1F600 by code point, but not by UTF-16 unit
    assertTrue(CodePoints.compare("\uff5e", "\ud83d\ude00") < 0);
    assertTrue("\uff5e".compareTo("\ud83d\ude00") > 0);
  }
}
