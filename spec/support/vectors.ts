// Vector maths for the vector specs, example and benchmark: a seeded generator, and the similarity
// functions exactly as Cassandra 5.0 defines them (computed in float32 input, double arithmetic).

/** A deterministic generator of floats in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vector of `n` values in [-1, 1), rounded to float32 as the node stores them. */
export function randomVector(next: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(next() * 2 - 1));
}

/** The vector scaled to length 1, in float32. */
export function unit(v: readonly number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => Math.fround(x / norm));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** `similarity_cosine`: (1 + cos θ) / 2. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  return (1 + dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))) / 2;
}

/** `similarity_dot_product`: (1 + a·b) / 2. */
export function dotProduct(a: readonly number[], b: readonly number[]): number {
  return (1 + dot(a, b)) / 2;
}

/** `similarity_euclidean`: 1 / (1 + d²). */
export function euclidean(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return 1 / (1 + s);
}

/** The ids of the `k` items most similar to `q` (exact, brute force), most similar first. */
export function bruteForce<I>(items: readonly I[], vectorOf: (item: I) => readonly number[], q: readonly number[], k: number, similarity: (a: readonly number[], b: readonly number[]) => number): I[] {
  return items
    .map((item) => ({ item, s: similarity(vectorOf(item), q) }))
    .sort((x, y) => y.s - x.s)
    .slice(0, k)
    .map((x) => x.item);
}

/**
 * Vectors clustered like embeddings tend to be: `centres` centres uniform in [-1, 1), then each call
 * of the returned function a centre picked at random plus gaussian noise (σ `sigma` per element), in
 * float32. The centres are drawn from `next` first, so the points (and queries drawn the same way)
 * depend only on the seed and the order of the calls.
 */
export function clustered(next: () => number, dimensions: number, centres: number, sigma = 0.25): () => number[] {
  const points = Array.from({ length: centres }, () => randomVector(next, dimensions));
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return () => points[Math.floor(next() * points.length)]!.map((c) => Math.fround(c + sigma * gauss()));
}

/**
 * The ids (indexes into `data`) of the `k` vectors most similar to each query by cosine similarity,
 * most similar first: exact, by brute force, keeping only the best `k` as it goes (ties are vanishingly
 * rare with random floats; an equal score keeps the lower id first).
 */
export function exactTopK(data: readonly (readonly number[])[], queries: readonly (readonly number[])[], k: number): number[][] {
  return queries.map((q) => {
    const best: { id: number; s: number }[] = [];
    for (let id = 0; id < data.length; id++) {
      const s = cosine(data[id]!, q);
      if (best.length < k || s > best[best.length - 1]!.s) {
        best.push({ id, s });
        best.sort((a, b) => b.s - a.s || a.id - b.id);
        if (best.length > k) best.pop();
      }
    }
    return best.map((b) => b.id);
  });
}
