// Semantic search over a small article catalogue: 2,000 articles in four sections, each with a
// 64-dimension embedding made deterministically from the words of its title (every word maps to a
// fixed pseudo-random vector; a title's embedding is the normalised sum of its words'), so no model
// or download is needed and the output is the same on every run. The schema (with an SAI vector index
// and SAI filters) is synced, the articles loaded, then searched: the whole catalogue, one section,
// and with SAI filters. Run it with `npm run example:vector` (starts a local node when none runs).
import 'reflect-metadata';
import { ClusteringKey, Column, Connection, Index, PartitionKey, Repository, Table, VectorIndex, syncSchema } from 'cassandra-orm';

const DIMENSIONS = 64;

@Table('articles')
class Article {
  @PartitionKey() section!: string;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column() title!: string;
  @Column({ type: 'int' }) @Index({ using: 'sai' }) year!: number;
  @Column({ type: 'set<text>' }) @Index({ using: 'sai' }) tags!: Set<string>;
  @Column({ type: `vector<float, ${DIMENSIONS}>` }) @VectorIndex({ similarity: 'COSINE' }) embedding!: number[];
}

const VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  science: ['rocket', 'orbit', 'telescope', 'galaxy', 'planet', 'comet', 'mars', 'lunar', 'satellite', 'astronaut', 'eclipse', 'nebula'],
  sport: ['football', 'match', 'goal', 'league', 'striker', 'coach', 'tennis', 'final', 'marathon', 'cyclist', 'record', 'stadium'],
  food: ['bread', 'pasta', 'recipe', 'cheese', 'tomato', 'oven', 'soup', 'spice', 'baking', 'olive', 'garlic', 'dessert'],
  tech: ['database', 'cluster', 'vector', 'index', 'query', 'latency', 'replica', 'server', 'cache', 'network', 'compiler', 'storage'],
};
const COMMON = ['new', 'guide', 'review', 'history', 'future', 'weekly'];

/** A deterministic generator of floats in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fixed vector of a word: seeded by the word's characters. */
function wordVector(word: string): number[] {
  let seed = 2166136261;
  for (const ch of word) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  const next = seeded(seed);
  return Array.from({ length: DIMENSIONS }, () => next() * 2 - 1);
}

/** The embedding of a text: the normalised sum of its words' vectors, earlier words weighing more. */
function embed(text: string): number[] {
  const sum = new Array<number>(DIMENSIONS).fill(0);
  text.toLowerCase().split(/\s+/).forEach((word, position) => {
    const weight = 1 / (1 + position / 4);
    wordVector(word).forEach((x, i) => (sum[i]! += weight * x));
  });
  const norm = Math.sqrt(sum.reduce((s, x) => s + x * x, 0));
  return sum.map((x) => x / norm);
}

function catalogue(count: number): Article[] {
  const next = seeded(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const sections = Object.keys(VOCABULARY);
  const titles = new Set<string>();
  return Array.from({ length: count }, (_, id) => {
    const section = sections[id % sections.length]!;
    let words: string[];
    // Every title is different, so no two articles tie on similarity.
    do words = [pick(VOCABULARY[section]!), pick(VOCABULARY[section]!), pick(VOCABULARY[section]!), pick(COMMON)];
    while (titles.has(words.join(' ')));
    const title = words.join(' ');
    titles.add(title);
    return Object.assign(new Article(), { section, id, title, year: 2015 + Math.floor(next() * 10), tags: new Set([words[3]!]), embedding: embed(title) });
  });
}

const env = process.env;
const keyspace = env['EXAMPLE_KEYSPACE'] ?? 'vector_search_example';
const connection = new Connection({
  contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  keyspace,
});

function show(heading: string, results: readonly { entity: Article; score: number }[]): void {
  console.log(heading);
  for (const { entity, score } of results) console.log(`  ${score.toFixed(4)}  [${entity.section} ${entity.year}] ${entity.title}`);
}

try {
  const sync = await syncSchema(connection, [Article], { keyspace: { name: keyspace } });
  console.log(`sync: ${sync.applied.map((c) => c.kind).join(', ')}`);
  const articles = new Repository(connection, Article);
  const all = catalogue(2000);
  // Two writes in flight: Cassandra 5.0.9 fails a write to a vector-indexed table when more are being
  // indexed at once than its vector graph allows (processors + 1 here: "Number of outstanding pooled
  // objects has gone beyond the limit of 3"), so keep writes to such tables few in flight.
  for (let i = 0; i < all.length; i += 2) await Promise.all(all.slice(i, i + 2).map((a) => articles.insert(a)));
  console.log(`loaded ${all.length} articles`);

  const query = 'rocket orbit mars';
  const nearest = await articles.nearest('embedding', embed(query), { limit: 5, score: true });
  show(`nearest to "${query}":`, nearest);
  // The same top 5 by a brute-force scan in JavaScript, scored as similarity_cosine does: (1 + cos) / 2.
  const q = embed(query);
  const cosine = (v: readonly number[]): number => (1 + v.reduce((s, x, i) => s + Math.fround(x) * q[i]!, 0) / Math.sqrt(v.reduce((s, x) => s + Math.fround(x) ** 2, 0))) / 2;
  const scanned = [...all].sort((a, b) => cosine(b.embedding) - cosine(a.embedding)).slice(0, 5);
  console.log(`same as a brute-force scan: ${scanned.every((a, i) => a.id === nearest[i]?.entity.id)}`);
  show(`nearest to "fast database query" in section tech:`,
    await articles.nearest('embedding', embed('fast database query'), { limit: 3, score: true, where: (q) => q.where('section', '=', 'tech') }));
  show(`nearest to "garlic bread recipe", published from 2022, tagged review:`,
    await articles.nearest('embedding', embed('garlic bread recipe'), { limit: 3, score: true, where: (q) => q.where('year', '>=', 2022).where('tags', 'contains', 'review') }));
} finally {
  await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await connection.close();
}
console.log('done: keyspace dropped');
