// Work done once per object and forgotten with it: a commit's trailers, a landing's size,
// a commit's credited people under a population. Weekly series evaluate a metric over dozens
// of overlapping windows; without this each window would parse the same messages again.

/** `compute(key)`, computed once per key object. */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const v = compute(key);
    cache.set(key, v);
    return v;
  };
}

/** `compute(scope, key)`, computed once per pair of objects (a population and a commit, say). */
export function memoIn<S extends object, K extends object, V>(compute: (scope: S, key: K) => V): (scope: S, key: K) => V {
  const scopes = new WeakMap<S, (key: K) => V>();
  return (scope, key) => {
    let inner = scopes.get(scope);
    if (!inner) scopes.set(scope, (inner = memo((k: K) => compute(scope, k))));
    return inner(key);
  };
}
