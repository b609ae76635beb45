package dev.mcppolicy.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An object's members: lookups by key text, and duplicates, for small and large objects. */
class MembersTest {
  private static final JsonValue ONE = JsonNumber.ofPlain(1);
  private static final JsonValue TWO = JsonNumber.ofPlain(2);

  @Test
  void aKeyIsFoundByAnyStringOfItsTextAndAnotherIsNotThere() {
    for (int size : new int[] {0, 1, 4, 12, 13, 40}) {
      JsonObject.Builder b = new JsonObject.Builder(2);
      for (int i = 0; i < size; i++) {
        assertTrue(b.add("k" + i, JsonNumber.ofPlain(i)));
      }
      JsonObject o = b.build();
      for (int i = 0; i < size; i++) {
        assertEquals(JsonNumber.ofPlain(i), o.get(new String(("k" + i).toCharArray())), size + " keys");
        assertEquals(JsonNumber.ofPlain(i), o.members().get("k" + i), size + " keys");
      }
      assertNull(o.get("absent"));
      assertEquals(size, o.members().size());
    }
  }

  /** A key is a duplicate by its text: the same text added twice is refused, small or large. */
  @Test
  void aDuplicateKeyIsRefused() {
    for (int size : new int[] {1, 11, 12, 13, 40}) {
      JsonObject.Builder b = new JsonObject.Builder(2);
      for (int i = 0; i < size; i++) {
        b.add("k" + i, ONE);
      }
      for (int i = 0; i < size; i++) {
        assertFalse(b.add(new String(("k" + i).toCharArray()), TWO), size + " keys, k" + i);
      }
      assertEquals(size, b.build().members().size());
    }
  }

  /** An object built from a map finds a key by its text. */
  @Test
  void anObjectBuiltFromAMapIsSearchedByText() {
    Map<String, JsonValue> source = new LinkedHashMap<>();
    source.put(new String("model".toCharArray()), ONE);
    source.put(new String("ids".toCharArray()), TWO);
    JsonObject o = new JsonObject(source);
    assertSame(ONE, o.get("model"));
    assertSame(TWO, o.get("ids"));
    assertNull(o.get("limit"));
  }

  @Test
  void aBuiltObjectCannotChange() {
    JsonObject.Builder b = new JsonObject.Builder(2);
    b.add("a", ONE);
    JsonObject o = b.build();
    assertThrows(UnsupportedOperationException.class, () -> b.add("b", ONE));
    assertThrows(UnsupportedOperationException.class, () -> o.members().put("b", ONE));
    assertThrows(NullPointerException.class, () -> new JsonObject.Builder(2).add("a", null));
  }
}
