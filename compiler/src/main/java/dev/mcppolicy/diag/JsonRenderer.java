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

/** {@code --diagnostics json}: one JSON document listing every diagnostic, for tools. */
public final class JsonRenderer {
  private JsonRenderer() {}

  public static String render(List<Diagnostic> diagnostics) {
    List<JsonValue> items = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("severity", new JsonString(d.severity().word()));
      m.put("code", new JsonString(d.code().name()));
      m.put("message", new JsonString(d.message()));
      d.location().ifPresent(l -> {
        m.put("file", new JsonString(l.file().name()));
        m.put("line", JsonNumber.of(l.span().line()));
        m.put("column", JsonNumber.of(l.span().column()));
        m.put("endLine", JsonNumber.of(l.span().endLine()));
        m.put("endColumn", JsonNumber.of(l.span().endColumn()));
      });
      d.help().ifPresent(h -> m.put("help", new JsonString(h)));
      if (!d.notes().isEmpty()) {
        List<JsonValue> notes = new ArrayList<>();
        for (Diagnostic.Note n : d.notes()) {
          Map<String, JsonValue> note = new LinkedHashMap<>();
          note.put("message", new JsonString(n.message()));
          note.put("file", new JsonString(n.location().file().name()));
          note.put("line", JsonNumber.of(n.location().span().line()));
          note.put("column", JsonNumber.of(n.location().span().column()));
          notes.add(new JsonObject(note));
        }
        m.put("notes", new JsonArray(notes));
      }
      items.add(new JsonObject(m));
    }
    return JsonWriter.pretty(new JsonObject(Map.of("diagnostics", new JsonArray(items))));
  }
}
