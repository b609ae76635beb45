package dev.mcppolicy.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The members of a {@link JsonObject}: keys and values in two arrays, in insertion order,
 * unmodifiable once built. Objects in traces are small, so a linear search beats hashing and the
 * whole object costs two arrays; a hash index is built lazily for large ones.
 */
final class Members extends AbstractMap<String, JsonValue> {
  private static final int LINEAR = 12;

  private String[] keys;
  private JsonValue[] values;
  private int size;
  private boolean frozen;
  private Map<String, Integer> index;

  Members(int capacity) {
    keys = new String[Math.max(2, capacity)];
    values = new JsonValue[keys.length];
  }

  static Members copyOf(Map<String, JsonValue> source) {
    Members m = new Members(source.size());
    source.forEach(m::add);
    return m.freeze();
  }

  /** Adds a member while building; false when the key is already there. A JSON null is {@link JsonNull}, never null. */
  boolean add(String key, JsonValue value) {
    check(value);
    if (find(key) >= 0) {
      return false;
    }
    append(key, value);
    return true;
  }

  private void check(JsonValue value) {
    java.util.Objects.requireNonNull(value, "a member's value");
    if (frozen) {
      throw new UnsupportedOperationException("a JSON object cannot change");
    }
  }

  private void append(String key, JsonValue value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    if (index != null) {
      index.put(key, size);
    }
    size++;
  }

  Members freeze() {
    frozen = true;
    return this;
  }

  private int find(Object key) {
    if (size <= LINEAR) {
      // a fast path, not a contract: a reader that builds objects with the very Strings its
      // lookups use (the fast trace reader does, with a simulator's key names) is answered
      // without comparing characters; any other String of the same text is found below
      for (int i = 0; i < size; i++) {
        if (keys[i] == key) {
          return i;
        }
      }
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    if (index == null) {
      index = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        index.put(keys[i], i);
      }
    }
    Integer i = index.get(key);
    return i == null ? -1 : i;
  }

  @Override
  public JsonValue get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, JsonValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, JsonValue>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, JsonValue> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
