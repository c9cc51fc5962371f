// Entities compiled the way tsx/esbuild-minded projects compile them: standard (TC39) decorators,
// no `experimentalDecorators`, no `emitDecoratorMetadata`. The real tsc compiles a user file, node runs it.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

const source = (library: string, schema: string): string => `
import { Table, PartitionKey, ClusteringKey, Column, Index, UserType, Field } from '${library}';
import { entityMetadata, createTableCql, createTypeCql, udtMetadata } from '${schema}';

@UserType()
class Geo {
  @Field({ type: 'double' }) lat!: number;
}

class Base {
  @PartitionKey({ type: 'uuid' }) id!: string;
}

@Table({ name: 'standard_events', options: { comment: 'std' } })
class StdEvent extends Base {
  @ClusteringKey({ type: 'int', order: 'DESC' }) seq!: number;
  @Column({ type: 'text' }) @Index() kind!: string;
  @Column({ type: () => Geo }) geo?: Geo;
}

@Table()
class Inferred {
  @PartitionKey({ type: 'uuid' }) id!: string;
  @Column() name!: string;
}

let error = '';
try { entityMetadata(Inferred); } catch (e) { error = (e as Error).message; }
console.log(JSON.stringify({
  table: createTableCql('app', entityMetadata(StdEvent)),
  type: createTypeCql('app', udtMetadata(Geo)),
  indexes: entityMetadata(StdEvent).indexes.map((i) => i.name),
  baseHasNoTable: (() => { try { entityMetadata(Base); return 'resolved'; } catch (e) { return (e as Error).message; } })(),
  error,
}));
`;

describe('standard decorators (no experimentalDecorators, no emitDecoratorMetadata)', function () {
  this.timeout(60_000);

  it('record entities that resolve exactly like experimental ones; types must then be explicit', () => {
    const root = repoRoot();
    const dir = mkdtempSync(join(tmpdir(), 'std-decorators-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(dir, 'entity.ts'), source(join(root, 'dist/src/index.js'), join(root, 'dist/src/schema/index.js')));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true,
          experimentalDecorators: false, emitDecoratorMetadata: false, outDir: 'out', types: [], typeRoots: [join(root, 'node_modules/@types')],
        },
        files: ['entity.ts'],
      }));
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
      const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'out/entity.js')]).toString()) as Record<string, unknown>;
      expect(out).to.deep.equal({
        table: 'CREATE TABLE IF NOT EXISTS app.standard_events (\n  id uuid,\n  seq int,\n  kind text,\n  geo frozen<geo>,\n  PRIMARY KEY (id, seq)\n' +
          ") WITH CLUSTERING ORDER BY (seq DESC) AND comment = 'std'",
        type: 'CREATE TYPE IF NOT EXISTS app.geo (lat double)',
        indexes: ['standard_events_kind_idx'],
        baseHasNoTable: 'Base: is not an entity. Decorate the class with @Table().',
        error: 'Inferred.name: the CQL type cannot be inferred (no design:type metadata: the code was compiled without ' +
          "emitDecoratorMetadata, or by esbuild/tsx). Only string → text, boolean → boolean and Date → timestamp are inferred; give the type explicitly, e.g. @Column({ type: 'int' }).",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
