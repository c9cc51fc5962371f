// Proves the chosen toolchain (tsc → mocha on the compiled JavaScript) keeps what the mapper relies on:
// decorator type metadata reaches the running code.
import 'reflect-metadata';
import { expect } from 'chai';

function Recorded(): PropertyDecorator {
  return () => {};
}

class Probe {
  @Recorded() name!: string;
  @Recorded() active!: boolean;
  @Recorded() at!: Date;
  @Recorded() count!: number;
  @Recorded() tags!: string[];
}

describe('toolchain', () => {
  it('emits design:type metadata for decorated properties', () => {
    const typeOf = (key: keyof Probe): unknown => Reflect.getMetadata('design:type', Probe.prototype, key);
    expect(typeOf('name')).to.equal(String);
    expect(typeOf('active')).to.equal(Boolean);
    expect(typeOf('at')).to.equal(Date);
    expect(typeOf('count')).to.equal(Number);
    expect(typeOf('tags')).to.equal(Array);
  });

  it('runs as an ES module', () => {
    expect(import.meta.url).to.match(/^file:.*toolchain\.spec\.js$/);
  });
});
