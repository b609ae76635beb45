package dev.mcppolicy.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The simulator's {@code eq}, {@code neq} and {@code in} on random pairs of JSON values agree with
 * {@link GoReference}, the engine's rules written out independently: numbers as doubles, anything
 * else by Go's %v text. The values lean towards the quirks: numbers written as strings, a million
 * (1e+06), 2^53 + 1, decimals past a double's precision, true and "true", null and "<nil>".
 */
class EqualityPropertyTest {
  private static final String[] NUMBERS = {"0", "-0", "5", "5.0", "5e0", "1000000", "1e6", "1e+06", "100000",
      "9007199254740992", "9007199254740993", "0.1", "0.1000000000000000001", "1e-5", "0.00001", "-2.5",
      "123456789012345678", "1e21", "12.50"};
  private static final String[] STRINGS = {"5", "5.0", "1e+06", "1000000", "true", "false", "<nil>", "[1 a]",
      "map[a:1]", "", "0.1", "1e-05", "-0", "a", "9.007199254740992e+15"};

  private static JsonValue value(Random random, int depth) {
    int kind = random.nextInt(depth > 1 ? 5 : 7);
    return switch (kind) {
      case 0, 1 -> new JsonNumber(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2, 3 -> new JsonString(STRINGS[random.nextInt(STRINGS.length)]);
      case 4 -> random.nextBoolean() ? new JsonBoolean(random.nextBoolean()) : new JsonNull();
      case 5 -> {
        List<JsonValue> elements = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          elements.add(value(random, depth + 1));
        }
        yield new JsonArray(elements);
      }
      default -> {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          members.put(random.nextBoolean() ? "b" : "a", value(random, depth + 1));
        }
        yield new JsonObject(members);
      }
    };
  }

  private static boolean denies(Op op, JsonValue constant, JsonValue argument) {
    Condition c = new Condition("args.v", op, constant);
    ToolPolicy tool = new ToolPolicy(List.of(), List.of(new Rule(List.of(c), Optional.empty())), List.of());
    Simulator simulator = Simulator.of(new PolicyDocument(Posture.ALLOW, List.of(), List.of(), Map.of("t", tool)),
        WindowMode.CALENDAR);
    JsonObject args = new JsonObject(Map.of("v", argument));
    return simulator.decide(new Call("g", "t", Arguments.of(args), Instant.parse("2026-11-21T10:00:00Z"), Outcome.OK))
        .verdict() == Verdict.DENY;
  }

  @Test
  void equalityAgreesWithTheEnginesRulesWrittenOutIndependently() {
    Random random = new Random(20261201);
    for (int i = 0; i < 4_000; i++) {
      // a document holds its numbers in canonical form (-0 as 0): the reference compares with what the simulator has
      JsonValue constant = new Condition("args.v", Op.EQ, value(random, 1)).value();
      JsonValue argument = value(random, 1);
      boolean expected = GoReference.equal(argument, constant);
      String pair = GoReference.v(argument) + " vs " + GoReference.v(constant) + " (" + argument + ", " + constant + ")";
      assertEquals(expected, denies(Op.EQ, constant, argument), "eq " + pair);
      assertEquals(!expected, denies(Op.NEQ, constant, argument), "neq " + pair);
      JsonValue other = new Condition("args.v", Op.EQ, value(random, 1)).value();
      assertEquals(expected || GoReference.equal(argument, other),
          denies(Op.IN, new JsonArray(List.of(other, constant)), argument), "in " + pair);
    }
  }

  @Test
  void theReferencePrintsTheRowsGoPrinted() {
    // a few rows of go/go-fmt-v.tsv, so that the reference itself is known to be right
    assertEquals("1e+06", GoReference.g(1000000));
    assertEquals("100000", GoReference.g(100000));
    assertEquals("1e-05", GoReference.g(0.00001));
    assertEquals("0.0001", GoReference.g(0.0001));
    assertEquals("1.2345678901234568e+17", GoReference.g(123456789012345678.0));
    assertEquals("9.007199254740992e+15", GoReference.g(9007199254740993.0));
    assertEquals("-0", GoReference.g(-0.0));
    assertEquals("map[a:x b:1]", GoReference.v(new JsonObject(Map.of("b", new JsonNumber("1"), "a", new JsonString("x")))));
  }
}
