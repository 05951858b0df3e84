import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../../src/data/tabular/csv.js';

const TRAIN = [
  'age,colour,"note, free text",income,bought',
  '20,red,"a, b",100,yes',
  '30,blue,x,,no',
  '40,red,y,300,yes',
  '50,green,z,200,no',
].join('\n');

describe('loadCsv', () => {
  it('infers column types, standardises numbers, one-hot encodes categories, indexes labels', async () => {
    const data = await loadCsv(TRAIN, { text: true, label: 'bought', columns: { 'note, free text': 'ignore' } });
    expect(data.featureNames).toEqual(['age', 'colour=blue', 'colour=green', 'colour=red', 'income']);
    expect(data.features.shape).toEqual([4, 5]);
    // age: mean 35, population std sqrt(125); income: the three present values (mean 200, std sqrt(20000/3)); missing → 0.
    const sAge = Math.sqrt(125);
    const sInc = Math.sqrt(20000 / 3);
    const rows = (await data.features.array()) as number[][];
    const expected = [
      [-15 / sAge, 0, 0, 1, -100 / sInc],
      [-5 / sAge, 1, 0, 0, 0],
      [5 / sAge, 0, 0, 1, 100 / sInc],
      [15 / sAge, 0, 1, 0, 0],
    ];
    rows.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5)));
    expect(data.schema.label).toEqual({ name: 'bought', type: 'categorical', classes: ['no', 'yes'] });
    expect(await data.labels!.array()).toEqual([1, 0, 1, 0]);
    const [first] = await data.dataset().batch(4).toArray();
    expect(first![0].shape).toEqual([4, 5]);
  });

  it('encodes a test file with the training schema (its statistics, its categories), through JSON', async () => {
    const train = await loadCsv(TRAIN, { text: true, label: 'bought', columns: { 'note, free text': 'ignore' } });
    const schema = JSON.parse(JSON.stringify(train.schema));
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'test.csv');
    writeFileSync(path, 'bought,income,colour,age,"note, free text"\nno,200,purple,35,q\n');
    const test = await loadCsv(path, { schema });
    expect(test.featureNames).toEqual(train.featureNames);
    expect(await test.features.array()).toEqual([[0, 0, 0, 0, 0]]);
    expect(await test.labels!.array()).toEqual([0]);
  });

  it('numeric labels, no normalisation, and a file without a label', async () => {
    const text = 'x,y\n1,0.5\n3,1.5\n';
    const reg = await loadCsv(text, { text: true, label: 'y', normalize: false });
    expect(reg.schema.label!.type).toBe('numeric');
    expect(await reg.labels!.array()).toEqual([0.5, 1.5]);
    expect(await reg.features.array()).toEqual([[1], [3]]);
    const bin = await loadCsv('x,y\n1,0\n2,1\n', { text: true, label: 'y' });
    expect(bin.labels!.dtype).toBe('int32');
    const plain = await loadCsv(text, { text: true });
    expect(plain.labels).toBeNull();
    expect(() => plain.dataset()).toThrow(/without a label column/);
  });

  it('names the file, row and column in errors', async () => {
    await expect(loadCsv('/nonexistent/file.csv')).rejects.toThrow("loadCsv: cannot read '/nonexistent/file.csv'");
    await expect(loadCsv('a,b\n1,2\n', { text: true, label: 'c' })).rejects.toThrow("loadCsv: CSV text has no label column 'c'. Received columns: a, b");
    await expect(loadCsv('a,b\n1,2,3\n', { text: true })).rejects.toThrow(/parseCsv: CSV text is not valid CSV/);
    await expect(loadCsv('a,"b\n1,2\n', { text: true })).rejects.toThrow(/not valid CSV/);
    await expect(loadCsv('a,a\n1,2\n', { text: true })).rejects.toThrow(/duplicate column names/);
    await expect(loadCsv('a,b\n', { text: true })).rejects.toThrow(/no data rows/);
    await expect(loadCsv('', { text: true })).rejects.toThrow(/is empty/);
    await expect(loadCsv('a,b\nx,1\n', { text: true, columns: { a: 'numeric' } })).rejects.toThrow("column 'a' is numeric but holds 'x'");
    const schema = (await loadCsv('a,y\n1,p\n2,q\n', { text: true, label: 'y' })).schema;
    await expect(loadCsv('a,y\n1,r\n', { text: true, schema })).rejects.toThrow("row 2 has label 'r', not one of the classes the schema knows (p, q)");
    await expect(loadCsv('a,y\nhello,p\n', { text: true, schema })).rejects.toThrow("row 2 column 'a' must be a number. Received: 'hello'");
  });
});
