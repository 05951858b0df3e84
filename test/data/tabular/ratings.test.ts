import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRatings, parseRatings } from '../../../src/data/tabular/ratings.js';

describe('MovieLens-format ratings', () => {
  it('reads ratings.csv with its header, and maps ids to dense indices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-'));
    const path = join(dir, 'ratings.csv');
    writeFileSync(path, 'userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n7,31,4.5,1260759100\n');
    const r = await loadRatings(path);
    expect(r.size).toBe(3);
    expect([...r.users]).toEqual([0, 0, 1]);
    expect([...r.items]).toEqual([0, 1, 0]);
    expect([...r.ratings]).toEqual([2.5, 3, 4.5]);
    expect(r.userIds).toEqual(['1', '7']);
    expect(r.itemIds).toEqual(['31', '1029']);
    expect(r.numItems).toBe(2);
    const [batch] = await r.dataset().batch(3).toArray();
    expect(await batch![0].array()).toEqual([[0, 0], [0, 1], [1, 0]]);
    expect(await batch![1].array()).toEqual([2.5, 3, 4.5]);
    const t = r.tensors();
    expect(await t.item.array()).toEqual([0, 1, 0]);
  });

  it('reads ml-1m ratings.dat and ml-100k u.data', async () => {
    const dat = parseRatings('1::1193::5::978300760\n2::1193::3::978298413\n');
    expect([...dat.ratings]).toEqual([5, 3]);
    expect(dat.numUsers).toBe(2);
    expect(dat.timestamps[1]).toBe(978298413);
    const dir = mkdtempSync(join(tmpdir(), 'ml100k-'));
    writeFileSync(join(dir, 'u.data'), '196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t377\t1\t878887116\n');
    const u = await loadRatings(join(dir, 'u.data'));
    expect([...u.users]).toEqual([0, 1, 0]);
    expect(u.itemIds).toEqual(['242', '302', '377']);
  });

  it('splits at random (seeded) or by time, keeping the index spaces', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i % 3},${i},${i % 5},${1000 - i}`).join('\n');
    const r = parseRatings(lines, { format: 'csv' });
    const [train, test] = r.split(0.3, { by: 'time' });
    expect(test.size).toBe(3);
    expect([...test.timestamps]).toEqual([998, 999, 1000]);
    expect(Math.min(...test.timestamps)).toBeGreaterThan(Math.max(...train.timestamps));
    expect(train.numItems).toBe(10);
    const [a1, b1] = r.split(0.3, { seed: 5 });
    const [a2] = r.split(0.3, { seed: 5 });
    expect([...a1.items]).toEqual([...a2.items]);
    expect([...a1.items, ...b1.items].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('names the file and line of a malformed rating', async () => {
    expect(() => parseRatings('1,2\n', { source: "'r.csv'" })).toThrow("loadRatings: 'r.csv' holds no ratings");
    expect(() => parseRatings('1\t2\n', { source: "'u.data'" })).toThrow("loadRatings: 'u.data' line 1 needs user, item, rating[, timestamp]. Received: 2 fields");
    expect(() => parseRatings('u,i,r\n1,2,abc\n', { source: "'r.csv'" })).toThrow("loadRatings: 'r.csv' line 2 has a rating that is not a number. Received: 'abc'");
    expect(() => parseRatings('1,2,3,x\n', { source: "'r.csv'" })).toThrow("loadRatings: 'r.csv' line 1 has a timestamp that is not a number. Received: 'x'");
    expect(() => parseRatings('1::2::oops\n', { source: "'r.dat'" })).toThrow("'r.dat' line 1 has a rating that is not a number. Received: 'oops'");
    await expect(loadRatings('/nonexistent/ratings.csv')).rejects.toThrow("loadRatings: cannot read '/nonexistent/ratings.csv'");
    expect(() => parseRatings('1,2,3\n').split(0)).toThrow(/testFraction must be in \(0, 1\)/);
  });
});
