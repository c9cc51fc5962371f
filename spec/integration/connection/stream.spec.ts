// Streaming 10,000 rows (about 20 MB of text) with `for await` holds one page at a time: the heap
// growth measured while streaming stays far below the growth measured when the same rows are
// materialised. Measured with forced garbage collection (v8 --expose-gc switched on at run time).
import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Connection } from '../../../src/index.js';
import { uniqueKeyspace } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 10_000;
const PAYLOAD = 2_000;
const MB = 1024 * 1024;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('cursor streaming', () => {
  const keyspace = uniqueKeyspace('it_stream');
  let connection: Connection;

  before(async function () {
    this.timeout(180_000);
    connection = new Connection(nodeOptions({ keyspace }));
    await connection.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await connection.execute('CREATE TABLE rows (bucket int, seq int, payload text, PRIMARY KEY (bucket, seq))');
    const insert = 'INSERT INTO rows (bucket, seq, payload) VALUES (?, ?, ?)';
    for (let start = 0; start < ROWS; start += 200) {
      await Promise.all(
        Array.from({ length: 200 }, (_v, i) => start + i).map((seq) =>
          connection.execute(insert, [seq % 10, seq, `${seq}:`.padEnd(PAYLOAD, String.fromCharCode(97 + (seq % 26)))]),
        ),
      );
    }
  });

  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await connection.close();
  });

  it('streams 10,000 rows in pages with bounded memory, far below materialising them', async function () {
    this.timeout(180_000);
    const cql = 'SELECT bucket, seq, payload FROM rows';
    const cursor = connection.cursor();

    const base = heapAfterGc();
    let peak = 0;
    let count = 0;
    let seqSum = 0;
    let pages = 0;
    for await (const page of cursor.pages(cql, [], { pageSize: 250 })) {
      pages++;
      for (const row of page.rows) {
        count++;
        seqSum += row['seq'] as number;
        expect((row['payload'] as string).length).to.equal(PAYLOAD);
      }
      if (pages % 4 === 0) peak = Math.max(peak, heapAfterGc() - base);
    }
    expect(count).to.equal(ROWS);
    expect(seqSum).to.equal((ROWS * (ROWS - 1)) / 2);
    expect(pages).to.be.at.least(ROWS / 250);

    let streamed = 0;
    for await (const row of cursor.stream(cql, [], { pageSize: 250 })) {
      streamed++;
      if (streamed % 1000 === 0) peak = Math.max(peak, heapAfterGc() - base);
      expect(row['payload']).to.be.a('string');
    }
    expect(streamed).to.equal(ROWS);

    const beforeAll = heapAfterGc();
    const all = await cursor.execute(cql, [], { pageSize: 250 });
    const materialised = heapAfterGc() - beforeAll;
    expect(all).to.have.length(ROWS);

    console.error(`      [measured] heap growth: streaming peak ${(peak / MB).toFixed(1)} MB, materialised ${(materialised / MB).toFixed(1)} MB`);
    expect(materialised).to.be.greaterThan(15 * MB); // the measurement sees the 20 MB of payload
    expect(peak).to.be.lessThan(materialised / 4);
    expect(peak).to.be.lessThan(6 * MB);
  });
});
