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
}
