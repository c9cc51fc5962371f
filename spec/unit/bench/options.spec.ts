// The benchmark's --seed, --replay and --isolate flags: a run's slice schedule can be repeated, a bad seed is refused, and --isolate refuses what it cannot do.
import { expect } from 'chai';
import { parseOptions, UsageError } from '../../bench/options.js';

describe('benchmark --seed', () => {
  it('takes the seed given', () => {
    expect(parseOptions(['--seed', '0']).seed).to.equal(0);
    expect(parseOptions(['--seed', '4294967295']).seed).to.equal(4294967295);
  });

  it('draws a random 32-bit seed when none is given', () => {
    const seeds = Array.from({ length: 8 }, () => parseOptions([]).seed);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff, String(s)).to.equal(true);
    expect(new Set(seeds).size).to.be.greaterThan(1);
  });

  for (const bad of ['-1', '1.5', 'abc', '4294967296', '']) {
    it(`refuses --seed '${bad}', naming the flag`, () => {
      expect(() => parseOptions([`--seed=${bad}`])).to.throw(UsageError, /--seed must be an integer from 0 to 4294967295/);
    });
  }
});

describe('benchmark --replay', () => {
  it('is off unless given', () => {
    expect(parseOptions([]).replay).to.equal(false);
    expect(parseOptions(['--replay']).replay).to.equal(true);
  });

  it('takes no value', () => {
    expect(() => parseOptions(['--replay=yes'])).to.throw(UsageError, /replay/);
  });
});

describe('benchmark --isolate', () => {
  it('is off by default and on with the flag', () => {
    expect(parseOptions([]).isolate).to.equal(false);
    expect(parseOptions(['--isolate', '--control']).isolate).to.equal(true);
  });

  for (const flag of ['--profile', '--replay']) {
    it(`refuses --isolate with ${flag}, saying why`, () => {
      expect(() => parseOptions(['--isolate', flag])).to.throw(UsageError, new RegExp(`--isolate cannot be combined with ${flag}: ${flag} works on the contenders in the benchmark's own process`));
      expect(() => parseOptions([flag, '--isolate'])).to.throw(UsageError, /--isolate cannot be combined/);
    });
  }
});
