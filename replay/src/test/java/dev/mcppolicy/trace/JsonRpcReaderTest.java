package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRpcReaderTest {
  @TempDir
  Path dir;

  private List<String> read(String text, Optional<String> grant, Optional<Instant> start) throws Exception {
    Path file = Files.writeString(dir.resolve("log.jsonl"), text);
    List<String> out = new ArrayList<>();
    try (JsonRpcReader reader = JsonRpcReader.open(file, "log.jsonl", grant, start)) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        out.add(e.problem() != null ? e.problem().toString()
            : e.record().line() + " " + e.record().call().tool() + " " + e.record().call().outcome().word()
                + " " + e.record().call().grant() + " " + e.record().call().at());
      }
    }
    return out;
  }

  @Test
  void requestsArePairedWithResponsesByIdAndKeepRequestOrder() throws Exception {
    String log = """
        {"ts": "2026-11-21T10:00:00Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "a", "arguments": {"x": 1}}}}
        {"ts": "2026-11-21T10:00:01Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": "two", "method": "tools/call", "params": {"name": "b"}}}
        {"ts": "2026-11-21T10:00:01Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 9, "method": "tools/list"}}
        {"ts": "2026-11-21T10:00:02Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": "two", "error": {"code": -32000, "message": "down"}}}
        {"ts": "2026-11-21T10:00:03Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 1, "result": {"content": [], "isError": true}}}
        {"ts": "2026-11-21T10:00:04Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "c"}}}
        {"ts": "2026-11-21T10:00:05Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 3, "result": {"content": []}}}
        {"ts": "2026-11-21T10:00:06Z", "grant": "ci", "message": {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "d"}}}
        """;
    assertEquals(List.of(
        "1 a tool_error ci 2026-11-21T10:00:00Z",
        "2 b rpc_error ci 2026-11-21T10:00:01Z",
        "6 c ok ci 2026-11-21T10:00:04Z",
        "8 d ok ci 2026-11-21T10:00:06Z"), read(log, Optional.empty(), Optional.empty()));
  }

  @Test
  void bareMessagesNeedAGrantAndAStart() throws Exception {
    String log = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"a\"}}\n";
    assertEquals(List.of("log.jsonl:1: a bare JSON-RPC message needs --grant and --start (or wrap it as {\"ts\", \"grant\", \"message\"})"),
        read(log, Optional.empty(), Optional.empty()));
    assertEquals(List.of("1 a ok g 2026-11-21T00:00:00Z"),
        read(log, Optional.of("g"), Optional.of(Instant.parse("2026-11-21T00:00:00Z"))));
  }

  @Test
  void wrappedMessagesNeedAnInstantAndAGrant() throws Exception {
    String call = "\"message\": {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"a\"}}";
    String log = "{\"grant\": \"ci\", " + call + "}\n"
        + "{\"ts\": 5, \"grant\": \"ci\", " + call + "}\n"
        + "{\"ts\": \"2026-11-21T10:00:00\", \"grant\": \"ci\", " + call + "}\n"
        + "{\"ts\": \"2026-11-21T10:00:00+02:00\", " + call + "}\n"
        + "{\"ts\": \"2200-01-01T00:00:00Z\", \"grant\": \"ci\", " + call + "}\n";
    String needsTs = "a wrapped message needs 'ts', an RFC 3339 instant with a zone";
    assertEquals(List.of("log.jsonl:1: " + needsTs, "log.jsonl:2: " + needsTs, "log.jsonl:3: " + needsTs,
        "log.jsonl:4: a wrapped message needs 'grant' (or give --grant)",
        "log.jsonl:5: 'ts' 2200-01-01T00:00:00Z is outside the years 1700 to 2199, the instants a replay decides at"),
        read(log, Optional.empty(), Optional.empty()));
    assertTrue(read(log, Optional.of("g"), Optional.empty()).contains("4 a ok g 2026-11-21T08:00:00Z"));
  }

  @Test
  void outcomesOfEachKind() throws Exception {
    assertEquals(Outcome.RPC_ERROR, Outcome.fromWord("rpc_error").orElseThrow());
  }

  /**
   * One request never answered at the top of a long log: it is decided as unanswered once
   * MAX_IN_FLIGHT later requests wait behind it, with a warning, and the reader never holds more
   * than that many (it used to hold every later call, and pairing scanned them all per answer).
   */
  @Test
  void anUnansweredRequestStopsHoldingTheLogOnceTheInFlightCapIsReached() throws Exception {
    int requests = JsonRpcReader.MAX_IN_FLIGHT * 3;
    StringBuilder log = new StringBuilder();
    log.append("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"ci\", \"message\": {\"jsonrpc\": \"2.0\", \"id\": \"lost\", "
        + "\"method\": \"tools/call\", \"params\": {\"name\": \"a\"}}}\n");
    for (int i = 0; i < requests; i++) {
      log.append("{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"ci\", \"message\": {\"jsonrpc\": \"2.0\", \"id\": ").append(i)
          .append(", \"method\": \"tools/call\", \"params\": {\"name\": \"b\"}}}\n");
      log.append("{\"ts\": \"2026-11-21T10:00:02Z\", \"grant\": \"ci\", \"message\": {\"jsonrpc\": \"2.0\", \"id\": ").append(i)
          .append(", \"result\": {\"isError\": ").append(i % 2 == 0).append("}}}\n");
    }
    Path file = Files.writeString(dir.resolve("long.jsonl"), log);
    int maxPending = 0;
    int records = 0;
    int toolErrors = 0;
    try (JsonRpcReader reader = JsonRpcReader.open(file, "long.jsonl", Optional.empty(), Optional.empty())) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        maxPending = Math.max(maxPending, reader.pending());
        if (records == 0) {
          assertEquals("1 a ok", e.record().line() + " " + e.record().call().tool() + " " + e.record().call().outcome().word());
        }
        records++;
        toolErrors += e.record().call().outcome() == Outcome.TOOL_ERROR ? 1 : 0;
      }
      assertEquals(List.of("line 1: the tools/call request (id \"lost\") had no answer within the next 10000 requests; "
          + "it is decided as unanswered (ok)"), reader.warnings());
    }
    assertEquals(requests + 1, records);
    assertEquals(requests / 2, toolErrors, "every later answer still pairs with its request");
    assertTrue(maxPending <= JsonRpcReader.MAX_IN_FLIGHT + 1, "held at most the cap: " + maxPending);
  }

  @Test
  void manyUnansweredRequestsGiveTenWarningsAndACount() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < JsonRpcReader.MAX_IN_FLIGHT + 25; i++) {
      log.append("{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"ci\", \"message\": {\"jsonrpc\": \"2.0\", \"id\": ").append(i)
          .append(", \"method\": \"tools/call\", \"params\": {\"name\": \"b\"}}}\n");
    }
    Path file = Files.writeString(dir.resolve("unanswered.jsonl"), log);
    try (JsonRpcReader reader = JsonRpcReader.open(file, "unanswered.jsonl", Optional.empty(), Optional.empty())) {
      while (reader.next() != null) {
        assertTrue(reader.pending() <= JsonRpcReader.MAX_IN_FLIGHT + 1);
      }
      List<String> warnings = reader.warnings();
      assertEquals(11, warnings.size());
      assertEquals("15 more requests had no answer within the next 10000 requests and were decided as unanswered (ok)",
          warnings.get(10));
    }
  }

  private static String wrapped(String ts, String message) {
    return "{\"ts\": \"2026-11-21T10:00:" + ts + "Z\", \"grant\": \"ci\", \"message\": " + message + "}\n";
  }

  private static String request(String ts, int id) {
    return wrapped(ts, "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"tools/call\", \"params\": {\"name\": \"t\"}}");
  }

  /** Each call's line and verdict, replaying {@code log} against 2 calls a minute of tool t. */
  private List<String> decide(String log) throws Exception {
    Path file = Files.writeString(dir.resolve("decide.jsonl"), log);
    dev.mcppolicy.model.PolicyDocument policy = dev.mcppolicy.model.PolicyJson.read("""
        {"version": "1", "default": "deny", "tools": {"t": {"limits": [
          {"counter": "t_rate", "window": "minute", "max": 2, "scope": "grant"}]}}}
        """).document().orElseThrow();
    dev.mcppolicy.sim.Simulator simulator = dev.mcppolicy.sim.Simulator.of(policy, dev.mcppolicy.sim.WindowMode.CALENDAR);
    List<String> out = new ArrayList<>();
    Replayer.Summary s = Replayer.replay(() -> JsonRpcReader.open(file, "decide.jsonl", Optional.empty(), Optional.empty()),
        simulator, Replayer.Options.DEFAULT, (r, d, m) -> out.add(r.line() + " " + d.verdict().word()));
    out.addAll(s.warnings());
    return out;
  }

  @Test
  void aJsonRpcErrorHoldsItsQuotaUntilItsAnswerArrives() throws Exception {
    String log = request("00", 1)
        + request("01", 2)
        + request("02", 3) // 1 and 2 are in flight: both still count
        + wrapped("03", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"error\": {\"code\": -32000, \"message\": \"down\"}}")
        + request("04", 4) // 1 gave its quota back at 10:00:03
        + wrapped("05", "{\"jsonrpc\": \"2.0\", \"id\": 2, \"result\": {}}")
        + wrapped("05", "{\"jsonrpc\": \"2.0\", \"id\": 3, \"result\": {}}")
        + wrapped("05", "{\"jsonrpc\": \"2.0\", \"id\": 4, \"result\": {}}")
        + request("06", 5);
    assertEquals(List.of("1 allow", "2 allow", "3 deny", "5 allow", "9 deny"), decide(log));
  }

  @Test
  void aNullErrorIsNoError() throws Exception {
    String log = request("00", 1)
        + wrapped("01", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {}, \"error\": null}")
        + request("02", 2)
        + request("03", 3);
    assertEquals(List.of("1 allow", "3 allow", "4 deny"), decide(log), "the first call keeps its quota");
  }

  @Test
  void aToolsCallWithoutANameIsUnevaluatedAndCountsNowhere() throws Exception {
    String log = request("00", 1)
        + wrapped("01", "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": {\"arguments\": {}}}")
        + wrapped("02", "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"tools/call\", \"params\": {\"name\": 7}}")
        + request("03", 4)
        + request("04", 5);
    assertEquals(List.of("1 allow", "4 allow", "5 deny",
        "line 2: unevaluated: a tools/call request without a string params.name, which the engine forwards undecided; "
            + "it counts nowhere",
        "line 3: unevaluated: a tools/call request without a string params.name, which the engine forwards undecided; "
            + "it counts nowhere"), decide(log));
  }

  @Test
  void aBatchIsDecidedElementByElement() throws Exception {
    String log = wrapped("00", "[" + "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"t\"}},"
        + "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": {\"name\": \"t\"}},"
        + "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"tools/call\", \"params\": {\"name\": \"t\"}}]");
    assertEquals(List.of("1 allow", "1 allow", "1 deny"), decide(log));
  }
}
