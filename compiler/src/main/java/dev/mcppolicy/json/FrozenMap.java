package dev.mcppolicy.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An insertion-ordered map that refuses changes once frozen: lets {@link JsonObject} keep a map
 * built by the reader without copying it (traces build millions of small objects).
 */
final class FrozenMap<K, V> extends LinkedHashMap<K, V> {
  private boolean frozen;

  FrozenMap(int size) {
    super(Math.max(4, (int) (size / 0.75f) + 1));
  }

  static <K, V> FrozenMap<K, V> copyOf(Map<K, V> source) {
    FrozenMap<K, V> map = new FrozenMap<>(source.size());
    map.putAll(source);
    map.frozen = true;
    return map;
  }

  FrozenMap<K, V> freeze() {
    frozen = true;
    return this;
  }

  @Override
  public V put(K key, V value) {
    check();
    return super.put(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> m) {
    check();
    super.putAll(m);
  }

  @Override
  public V remove(Object key) {
    check();
    return super.remove(key);
  }

  @Override
  public void clear() {
    check();
    super.clear();
  }

  @Override
  public V putIfAbsent(K key, V value) {
    check();
    return super.putIfAbsent(key, value);
  }

  @Override
  public java.util.Set<K> keySet() {
    return java.util.Collections.unmodifiableSet(super.keySet());
  }

  @Override
  public java.util.Collection<V> values() {
    return java.util.Collections.unmodifiableCollection(super.values());
  }

  @Override
  public java.util.Set<Map.Entry<K, V>> entrySet() {
    return java.util.Collections.unmodifiableSet(super.entrySet());
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return false;
  }

  private void check() {
    if (frozen) {
      throw new UnsupportedOperationException("a JSON object cannot change");
    }
  }
}
