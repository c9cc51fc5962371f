import { expect } from 'chai';
import { splitStatements, StatementSplitter } from '../../../src/cli/cql-splitter.js';

describe('cli: CQL statement splitter', () => {
  const cases: [string, string, string[]][] = [
    ['one statement', 'SELECT * FROM t;', ['SELECT * FROM t']],
    ['two on one line', 'SELECT 1 FROM a; SELECT 2 FROM b;', ['SELECT 1 FROM a', 'SELECT 2 FROM b']],
    ['a last statement without ;', 'SELECT 1 FROM a; SELECT 2 FROM b', ['SELECT 1 FROM a', 'SELECT 2 FROM b']],
    ['; inside a string', "INSERT INTO t (a) VALUES ('x;y');", ["INSERT INTO t (a) VALUES ('x;y')"]],
    ['escaped quote in a string', "INSERT INTO t (a) VALUES ('it''s;');", ["INSERT INTO t (a) VALUES ('it''s;')"]],
    ['; inside a quoted identifier', 'SELECT "a;b" FROM t;', ['SELECT "a;b" FROM t']],
    ['; inside a $$ string', 'INSERT INTO t (a) VALUES ($$x;y$$);', ['INSERT INTO t (a) VALUES ($$x;y$$)']],
    ['-- comment dropped', 'SELECT 1 FROM t; -- a; comment\nSELECT 2 FROM t;', ['SELECT 1 FROM t', 'SELECT 2 FROM t']],
    ['// comment dropped', '// x;\nSELECT 1 FROM t;', ['SELECT 1 FROM t']],
    ['block comment dropped', 'SELECT /* ; */ 1 FROM t;', ['SELECT   1 FROM t']],
    ['empty statements skipped', ';; ;\n;', []],
    ['a comment alone is no statement', '-- nothing here', []],
  ];
  for (const [name, input, expected] of cases) {
    it(`splits: ${name}`, () => expect(splitStatements(input)).to.deep.equal(expected));
  }

  it('keeps a statement open across lines until its ;', () => {
    const splitter = new StatementSplitter();
    expect(splitter.push('SELECT *\n')).to.deep.equal([]);
    expect(splitter.pending).to.equal(true);
    expect(splitter.push("FROM t WHERE a = 'x\n")).to.deep.equal([]);
    expect(splitter.push("y;';\n")).to.deep.equal(["SELECT *\nFROM t WHERE a = 'x\ny;'"]);
    expect(splitter.pending).to.equal(false);
  });

  it('hands back the unterminated rest and resets', () => {
    const splitter = new StatementSplitter();
    splitter.push('SELECT 1\n');
    expect(splitter.takeRest()).to.equal('SELECT 1');
    expect(splitter.pending).to.equal(false);
    expect(splitter.takeRest()).to.equal(undefined);
  });
});
