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

/** An object's members: lookups by interned key, and duplicates, for small and large objects. */
class MembersTest {
  private static final JsonValue ONE = JsonNumber.ofPlain(1);
  private static final JsonValue TWO = JsonNumber.ofPlain(2);

  @Test
  void aKeyAddedInternedIsFoundByIdentityAndAnotherIsNotThere() {
    for (int size : new int[] {0, 1, 4, 12, 13, 40}) {
      Members m = new Members(2);
      for (int i = 0; i < size; i++) {
        assertTrue(m.addInterned(("k" + i).intern(), JsonNumber.ofPlain(i)));
      }
      JsonObject o = new JsonObject(m);
      for (int i = 0; i < size; i++) {
        assertEquals(JsonNumber.ofPlain(i), o.getInterned(("k" + i).intern()), size + " keys");
        assertEquals(JsonNumber.ofPlain(i), o.members().get(new String("k" + i)), size + " keys");
      }
      assertNull(o.getInterned("absent"));
      assertEquals(size, o.members().size());
    }
  }

  /** An interned key is a duplicate only as the same String: the same text added twice is refused, small or large. */
  @Test
  void aDuplicateInternedKeyIsRefused() {
    for (int size : new int[] {1, 11, 12, 13, 40}) {
      Members m = new Members(2);
      for (int i = 0; i < size; i++) {
        m.addInterned(("k" + i).intern(), ONE);
      }
      for (int i = 0; i < size; i++) {
        assertFalse(m.addInterned(("k" + i).intern(), TWO), size + " keys, k" + i);
      }
      assertEquals(size, m.size());
    }
  }

  /** An object built from a map (its keys not known to be interned) still finds a key by its text. */
  @Test
  void anObjectWithKeysNotAddedInternedIsSearchedByText() {
    Map<String, JsonValue> source = new LinkedHashMap<>();
    source.put(new String("model"), ONE);
    source.put(new String("ids"), TWO);
    JsonObject o = new JsonObject(source);
    assertSame(ONE, o.getInterned("model"));
    assertSame(TWO, o.getInterned("ids"));
    assertNull(o.getInterned("limit"));

    Members mixed = new Members(2);
    mixed.addInterned("a", ONE);
    mixed.add(new String("b"), TWO); // from now on, lookups compare text
    assertFalse(mixed.add(new String("a"), TWO));
    assertSame(TWO, new JsonObject(mixed).getInterned("b"));
  }

  @Test
  void aFrozenObjectCannotChange() {
    Members m = new Members(2).freeze();
    assertThrows(UnsupportedOperationException.class, () -> m.addInterned("a", ONE));
    assertThrows(UnsupportedOperationException.class, () -> m.add("a", ONE));
    assertThrows(NullPointerException.class, () -> new Members(2).addInterned("a", null));
  }
}
