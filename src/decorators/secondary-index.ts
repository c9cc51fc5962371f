// @Index: a secondary index on the decorated column (regular, SAI, SASI or custom).
import { KEYS, type IndexRecord } from '../metadata/metadata-store.js';
import { propertyRecorder, type PropertyRecorder } from './property-key.js';

/** Options of @Index. */
export interface IndexSpec {
  /** Index name; default `<table>_<column>_idx` (`<table>_<column>_<target>_idx` for an explicit collection target). */
  readonly name?: string;
  /** Implementation: omitted = regular index, `'sai'`, `'sasi'`, or a custom index class name. */
  readonly using?: 'sai' | 'sasi' | (string & {});
  /** For collections: `'keys'`, `'values'`, `'entries'` (maps), `'full'` (frozen collections). */
  readonly target?: 'value' | 'keys' | 'values' | 'entries' | 'full';
  /** `WITH OPTIONS = {...}` of SAI, SASI and custom indexes. */
  readonly options?: Readonly<Record<string, string>>;
}

/** Indexes the decorated column: `@Index({ using: 'sai' })`; may be repeated (e.g. keys and values of a map). */
export function Index(spec: IndexSpec = {}): PropertyRecorder {
  return propertyRecorder<IndexRecord>(KEYS.indexes, (property) => ({ ...spec, property }));
}
