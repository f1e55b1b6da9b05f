// Per-object memoisation for facts derived from a parse: the value lives as long as the object it
// was computed from (a parse, a pod spec, a container), so nothing outlives the analysis that made it.
export function cachedIn<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
