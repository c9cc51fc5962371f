// Hydrated entities are plain instances of the entity class: its prototype, its constructor, own
// properties in column order, and the class's own constructor never runs.
import { expect } from 'chai';
import { Hydrator } from '../../../src/mapping/hydrator.js';
import { entity, t } from '../query/fixtures.js';

describe('Hydrator instances', () => {
  it('have the entity prototype and constructor, own properties in column order, no constructor side effects', () => {
    let constructed = 0;
    class Reading {
      sensor!: string;
      at!: number;
      value?: number | null;
      constructor() {
        constructed++;
      }
      label(): string {
        return `${this.sensor}@${this.at}`;
      }
    }
    const meta = entity(Reading, 'readings', [
      { property: 'sensor', type: t.n('text'), kind: 'partition' },
      { property: 'at', type: t.n('int'), kind: 'clustering' },
      { property: 'value', type: t.n('double') },
    ]);
    const h = new Hydrator(meta);
    const rows = [{ sensor: 's', at: 1, value: 2.5 }, { sensor: 't', at: 2 }];
    const out = h.hydrateInPlace(rows);
    expect(out, 'the entities take the rows\' places in the same array').to.equal(rows);
    expect(constructed).to.equal(0);
    expect(Object.getPrototypeOf(out[0])).to.equal(Reading.prototype);
    expect(out[0]!.constructor).to.equal(Reading);
    expect(out[1]).to.be.instanceOf(Reading);
    expect(out.map((r) => Object.keys(r))).to.deep.equal([['sensor', 'at', 'value'], ['sensor', 'at', 'value']]);
    expect(out.map((r) => r.label())).to.deep.equal(['s@1', 't@2']);
    expect(out[1]!.value).to.equal(null);
    expect(Object.prototype.hasOwnProperty.call(Reading.prototype, 'sensor')).to.equal(false);
  });
});
