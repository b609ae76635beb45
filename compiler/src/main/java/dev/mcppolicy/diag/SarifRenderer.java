package dev.mcppolicy.diag;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code --diagnostics sarif}: a SARIF 2.1.0 log, for code-scanning UIs. */
public final class SarifRenderer {
  private SarifRenderer() {}

  public static String render(List<Diagnostic> diagnostics, String version) {
    TreeSet<Code> used = new TreeSet<>();
    List<JsonValue> results = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      used.add(d.code());
      Map<String, JsonValue> r = new LinkedHashMap<>();
      r.put("ruleId", new JsonString(d.code().name()));
      r.put("level", new JsonString(d.isError() ? "error" : "warning"));
      String text = d.message() + d.help().map(h -> " (help: " + h + ")").orElse("");
      r.put("message", obj("text", new JsonString(text)));
      d.location().ifPresent(l -> r.put("locations", new JsonArray(List.of(location(l)))));
      if (!d.notes().isEmpty()) {
        List<JsonValue> related = new ArrayList<>();
        for (Diagnostic.Note n : d.notes()) {
          Map<String, JsonValue> loc = new LinkedHashMap<>(((JsonObject) location(n.location())).members());
          loc.put("message", obj("text", new JsonString(n.message())));
          related.add(new JsonObject(loc));
        }
        r.put("relatedLocations", new JsonArray(related));
      }
      results.add(new JsonObject(r));
    }
    List<JsonValue> rules = new ArrayList<>();
    for (Code code : used) {
      Map<String, JsonValue> rule = new LinkedHashMap<>();
      rule.put("id", new JsonString(code.name()));
      rule.put("shortDescription", obj("text", new JsonString(code.title())));
      rule.put("defaultConfiguration", obj("level",
          new JsonString(code.defaultSeverity() == Severity.ERROR ? "error" : "warning")));
      rules.add(new JsonObject(rule));
    }
    Map<String, JsonValue> driver = new LinkedHashMap<>();
    driver.put("name", new JsonString("mcppolicy"));
    driver.put("version", new JsonString(version));
    driver.put("rules", new JsonArray(rules));
    Map<String, JsonValue> run = new LinkedHashMap<>();
    run.put("tool", obj("driver", new JsonObject(driver)));
    run.put("results", new JsonArray(results));
    Map<String, JsonValue> log = new LinkedHashMap<>();
    log.put("$schema", new JsonString("https://json.schemastore.org/sarif-2.1.0.json"));
    log.put("version", new JsonString("2.1.0"));
    log.put("runs", new JsonArray(List.of(new JsonObject(run))));
    return JsonWriter.pretty(new JsonObject(log));
  }

  private static JsonValue location(Diagnostic.Location l) {
    Map<String, JsonValue> region = new LinkedHashMap<>();
    region.put("startLine", JsonNumber.of(l.span().line()));
    region.put("startColumn", JsonNumber.of(l.span().column()));
    region.put("endLine", JsonNumber.of(l.span().endLine()));
    region.put("endColumn", JsonNumber.of(l.span().endColumn()));
    Map<String, JsonValue> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", obj("uri", new JsonString(l.file().name())));
    physical.put("region", new JsonObject(region));
    return obj("physicalLocation", new JsonObject(physical));
  }

  private static JsonObject obj(String key, JsonValue value) {
    return new JsonObject(Map.of(key, value));
  }
}
