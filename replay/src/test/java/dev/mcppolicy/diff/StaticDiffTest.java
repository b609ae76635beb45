package dev.mcppolicy.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The static diff over pairs of policies: each kind of change and its classification, with source lines. */
class StaticDiffTest {
  @TempDir
  Path dir;

  private static final String BASE = """
      default deny
      tool pay {
        require args.amount exists
        deny if args.amount > 100
        deny if args.currency in ["XBT"] message "no crypto"
        limit 10/minute
      }
      allow read
      hide wipe
      all tools limit 100/hour
      """;

  /** Each case: a name, the new policy, and the changes expected (without sources, which one case checks). */
  static final List<List<String>> CASES = List.of(
      List.of("nothing changes", BASE, ""),
      List.of("default allow opens every unlisted tool", BASE.replace("default deny", "default allow"),
          "[permissive] (all tools) default: deny -> allow\n"),
      List.of("a hidden tool shown", BASE.replace("hide wipe\n", "allow wipe\n"), "[permissive] wipe standing: hidden -> open\n"),
      List.of("an open tool hidden", BASE.replace("allow read\n", "hide read\n"), "[restrictive] read standing: open -> hidden\n"),
      List.of("an open tool no longer listed under default deny", BASE.replace("allow read\n", ""),
          "[restrictive] read standing: open -> not permitted\n"),
      List.of("a deny_if removed", BASE.replace("  deny if args.currency in [\"XBT\"] message \"no crypto\"\n", ""),
          "[permissive] pay deny_if: args.currency in [\"XBT\"] message \"no crypto\" -> (none)\n"),
      List.of("a require added", BASE.replace("  limit 10/minute\n", "  require args.currency exists\n  limit 10/minute\n"),
          "[restrictive] pay require: (none) -> args.currency exists true\n"),
      List.of("a deny_if threshold raised matches fewer calls", BASE.replace("> 100", "> 500"),
          "[permissive] pay deny_if: args.amount gt 100 -> args.amount gt 500\n"),
      List.of("a deny_if threshold lowered matches more calls", BASE.replace("> 100", "> 50"),
          "[restrictive] pay deny_if: args.amount gt 100 -> args.amount gt 50\n"),
      List.of("a deny_if on another argument cannot be compared", BASE.replace("args.amount > 100", "args.total > 100"),
          "[changed] pay deny_if: args.amount gt 100 -> args.total gt 100\n"),
      List.of("a deny_if list grown matches more calls", BASE.replace("[\"XBT\"]", "[\"XBT\", \"ETH\"]"),
          "[restrictive] pay deny_if: args.currency in [\"XBT\"] message \"no crypto\" -> args.currency in [\"XBT\", \"ETH\"] message \"no crypto\"\n"),
      List.of("only a message changes", BASE.replace("\"no crypto\"", "\"no crypto, please\""),
          "[changed] pay message: message \"no crypto\" -> message \"no crypto, please\"\n"),
      List.of("a limit raised", BASE.replace("limit 10/minute", "limit 20/minute"),
          "[permissive] pay limit: 10/minute as pay_rate -> 20/minute as pay_rate\n"),
      List.of("a limit dropped", BASE.replace("  limit 10/minute\n", ""), "[permissive] pay limit: 10/minute as pay_rate -> (none)\n"),
      List.of("an all-tools limit lowered", BASE.replace("100/hour", "50/hour"),
          "[restrictive] (all tools) all_tools limit: 100/hour as calls_per_hour -> 50/hour as calls_per_hour\n"),
      List.of("hide * added", BASE.replace("hide wipe", "hide *").replace("allow read\n", ""),
          "[restrictive] (all tools) hide *: (none) -> hide *\n[restrictive] pay standing: open -> hidden\n"
              + "[restrictive] read standing: open -> hidden\n"));

  @TestFactory
  Stream<DynamicTest> eachKindOfChangeIsClassified() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.get(0), () -> {
      CompileResult old = compile("old.mcppolicy", BASE);
      CompileResult now = compile("new.mcppolicy", c.get(1));
      List<Change> changes = StaticDiff.between(old.document().orElseThrow(), old.sourceMap(), now.document().orElseThrow(),
          now.sourceMap());
      StringBuilder shown = new StringBuilder();
      for (Change ch : changes) {
        shown.append('[').append(ch.effect().word()).append("] ").append(ch.tool().orElse("(all tools)")).append(' ')
            .append(ch.kind()).append(": ").append(ch.old()).append(" -> ").append(ch.now()).append('\n');
      }
      assertEquals(c.get(2), shown.toString());
    }));
  }

  @Test
  void eachSideNamesItsSourceLine() throws Exception {
    CompileResult old = compile("old.mcppolicy", BASE);
    CompileResult now = compile("new.mcppolicy", BASE.replace("limit 10/minute", "limit 20/minute"));
    List<Change> changes = StaticDiff.between(old.document().orElseThrow(), old.sourceMap(), now.document().orElseThrow(),
        now.sourceMap());
    assertEquals("  [permissive]  pay limit: 10/minute as pay_rate -> 20/minute as pay_rate (old old.mcppolicy:6:3; new new.mcppolicy:6:3)\n"
        + "Plan: 1 change to 1 tool: 1 permissive, 0 restrictive, 0 changed.\n",
        DiffReport.changesText(changes) + DiffReport.plan(changes));
    assertEquals("{\"change\":{\"tool\":\"pay\",\"kind\":\"limit\",\"class\":\"permissive\",\"old\":\"10/minute as pay_rate\","
        + "\"new\":\"20/minute as pay_rate\",\"old_source\":\"old.mcppolicy:6:3\",\"new_source\":\"new.mcppolicy:6:3\"}}",
        DiffReport.changeJson(changes.get(0)));
  }

  /** The plan line counts tools, the document, or both; and says when nothing changed. */
  @Test
  void thePlanSaysWhatChanged() throws Exception {
    CompileResult old = compile("old.mcppolicy", BASE);
    CompileResult lowered = compile("new.mcppolicy", BASE.replace("100/hour", "50/hour"));
    assertEquals("Plan: 1 change to the document: 0 permissive, 1 restrictive, 0 changed.\n", DiffReport.plan(StaticDiff.between(
        old.document().orElseThrow(), old.sourceMap(), lowered.document().orElseThrow(), lowered.sourceMap())));
    assertEquals("No changes: the two policies are the same, part for part.\n", DiffReport.plan(StaticDiff.between(
        old.document().orElseThrow(), old.sourceMap(), old.document().orElseThrow(), old.sourceMap())));
  }

  /** A limit's effect across windows, exactly for calendar windows. */
  @Test
  void limitsCompareAcrossWindows() {
    assertEquals(Change.Effect.PERMISSIVE, effect(10, Window.MINUTE, 20, Window.MINUTE));
    assertEquals(Change.Effect.RESTRICTIVE, effect(20, Window.MINUTE, 10, Window.MINUTE));
    // a smaller window: admits all the old did when its maximum is no smaller
    assertEquals(Change.Effect.PERMISSIVE, effect(100, Window.HOUR, 100, Window.MINUTE));
    assertEquals(Change.Effect.RESTRICTIVE, effect(600, Window.HOUR, 10, Window.MINUTE)); // 60 x 10 fits in 600
    assertEquals(Change.Effect.CHANGED, effect(100, Window.HOUR, 10, Window.MINUTE)); // 10 at once is more, 600 an hour is more
    // a larger window
    assertEquals(Change.Effect.PERMISSIVE, effect(10, Window.MINUTE, 600, Window.HOUR));
    assertEquals(Change.Effect.RESTRICTIVE, effect(10, Window.MINUTE, 10, Window.HOUR));
    assertEquals(Change.Effect.CHANGED, effect(10, Window.MINUTE, 100, Window.HOUR));
    assertEquals(Change.Effect.PERMISSIVE, effect(10, Window.HOUR, 240, Window.DAY));
  }

  private static Change.Effect effect(long maxA, Window a, long maxB, Window b) {
    return StaticDiff.limitEffect(new Limit("c", a, maxA), new Limit("c", b, maxB));
  }

  private CompileResult compile(String name, String text) throws Exception {
    Path file = Files.writeString(dir.resolve(name), text);
    CompileResult r = PolicyCompiler.compile(file, CompileOptions.defaults().withWorkingDirectory(dir));
    assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.isError()).toList(), text);
    return r;
  }
}
