// A decorated entity with SAI vector, text and collection indexes, for the ANN unit specs.
import { ClusteringKey, Column, Index, PartitionKey, Table, VectorIndex } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';

@Table({ name: 'items', keyspace: 'app' })
export class Item {
  @PartitionKey() category!: string;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column() @Index({ using: 'sai', caseSensitive: false, normalize: true }) title!: string;
  @Column({ type: 'int' }) @Index({ using: 'sai' }) price?: number;
  @Column({ type: 'set<text>' }) @Index({ using: 'sai' }) tags?: Set<string>;
  @Column({ type: 'map<text, text>' }) @Index({ using: 'sai', target: 'keys' }) @Index({ using: 'sai', target: 'values' }) attrs?: Map<string, string>;
  @Column() note?: string;
  @Column({ type: 'int' }) @Index() legacy?: number;
  @Column({ type: 'vector<float, 3>' }) @VectorIndex() embedding?: number[];
  @Column({ type: 'vector<float, 3>' }) @VectorIndex({ similarity: 'DOT_PRODUCT', optimizeFor: 'recall' }) unit?: number[];
  @Column({ type: 'vector<float, 3>' }) raw?: number[];
}

/** Two partition key columns: ANN with a partly restricted partition key. */
@Table({ name: 'shards', keyspace: 'app' })
export class Shard {
  @PartitionKey() tenant!: string;
  @PartitionKey({ type: 'int' }) bucket!: number;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'vector<float, 2>' }) @VectorIndex({ similarity: 'EUCLIDEAN' }) v?: number[];
}

export const itemMeta = entityMetadata(Item);
export const shardMeta = entityMetadata(Shard);
export const ITEM_COLUMNS = 'category, id, attrs, embedding, legacy, note, price, raw, tags, title, unit';
