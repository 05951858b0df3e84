/**
 * What the recipes reach on real data this machine can get without a download: the embedded MNIST
 * digits, and data sets that Debian packages ship —
 *   tabular-mlp              the Wisconsin breast-cancer table (python3-sklearn's copy, 569 rows)
 *   text-rnn, text-transformer  fortune-cookie texts by topic (fortunes: computers, politics, science, songs-poems)
 *   char-lstm                the 'computers' fortune file (238 KB of text)
 *   speech-conv1d            ten command words spoken by espeak-ng in 10 voices × 3 speeds × 3 pitches;
 *                            the test and validation voices are not among the training voices
 *   speech-ctc               two-digit strings spoken by espeak-ng (same voices), CER greedy and beam
 *   audio-autoencoder        the espeak-ng command words
 * Each recipe is trained with its default epochs through the CLI (`tessera train … --json`); the table of
 * test figures and times is printed as Markdown (BENCHMARKS.md's "What the recipes reach" table).
 *
 *   apt-get install fortunes python3-sklearn espeak-ng
 *   npx tsx bench/recipe-figures.ts [--only name,name]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import type { TrainReport } from '../src/cli/train.js';
import { relaunchWithTunedMalloc } from '../src/node/tuned-malloc.js';

relaunchWithTunedMalloc(); // as bin/tessera does

const FORTUNES = '/usr/share/games/fortunes';
const BREAST_CANCER = '/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv';
const WORDS = ['yes', 'no', 'up', 'down', 'left', 'right', 'on', 'off', 'stop', 'go'];
const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const VOICES = ['en', 'en-us', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en+m3', 'en-us+f3', 'en+f2', 'en-us+m5', 'en-gb-x-gbclan'];
const TEST_VOICE = 'en-us+m5';
const VALIDATION_VOICE = 'en-gb-x-gbclan';

const work = mkdtempSync(join(tmpdir(), 'tessera-recipe-figures-'));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : null;

function hasCommand(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fortune files are entries separated by lines holding a single '%'. */
const fortunes = (file: string): string[] =>
  readFileSync(join(FORTUNES, file), 'utf8').split(/\n%\n/).map((t) => t.trim()).filter((t) => t.length > 0);

function tabular(): string | null {
  if (!existsSync(BREAST_CANCER)) return null;
  // sklearn's file: a first row "569,30,malignant,benign", then 30 features and the class index.
  const [head, ...rows] = readFileSync(BREAST_CANCER, 'utf8').trim().split('\n');
  const classes = head!.split(',').slice(2);
  const file = join(work, 'breast-cancer.csv');
  const header = [...Array.from({ length: 30 }, (_, i) => `f${i}`), 'label'].join(',');
  writeFileSync(file, [header, ...rows.map((r) => { const v = r.split(','); return [...v.slice(0, 30), classes[Number(v[30])]].join(','); })].join('\n'));
  return file;
}

function textFolder(): string | null {
  if (!existsSync(FORTUNES)) return null;
  const dir = join(work, 'fortunes-by-topic');
  for (const topic of ['computers', 'politics', 'science', 'songs-poems']) {
    mkdirSync(join(dir, topic), { recursive: true });
    fortunes(topic).slice(0, 600).forEach((t, i) => writeFileSync(join(dir, topic, `${i}.txt`), t));
  }
  return dir;
}

function textCorpus(): string | null {
  if (!existsSync(FORTUNES)) return null;
  const file = join(work, 'computers.txt');
  writeFileSync(file, fortunes('computers').join('\n\n'));
  return file;
}

function speak(voice: string, speed: number, pitch: number, text: string, file: string): void {
  execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '-w', file, text]);
}

function speechCommands(): string | null {
  if (!hasCommand('espeak-ng')) return null;
  const dir = join(work, 'espeak-commands');
  const testing: string[] = [];
  const validation: string[] = [];
  for (const word of WORDS) {
    mkdirSync(join(dir, word), { recursive: true });
    for (const voice of VOICES) {
      for (const speed of [130, 160, 190]) {
        for (const pitch of [30, 50, 70]) {
          const name = `${word}/${voice.replace(/\W/g, '_')}_${speed}_${pitch}.wav`;
          speak(voice, speed, pitch, word, join(dir, name));
          if (voice === TEST_VOICE) testing.push(name);
          if (voice === VALIDATION_VOICE) validation.push(name);
        }
      }
    }
  }
  writeFileSync(join(dir, 'testing_list.txt'), testing.join('\n'));
  writeFileSync(join(dir, 'validation_list.txt'), validation.join('\n'));
  return dir;
}

function speechPairs(): string | null {
  if (!hasCommand('espeak-ng')) return null;
  const dir = join(work, 'espeak-digits');
  mkdirSync(dir, { recursive: true });
  let k = 0;
  for (const voice of VOICES) {
    for (let i = 0; i < 30; i++) {
      const text = `${DIGITS[(i * 3 + k) % 10]} ${DIGITS[(i * 7 + 2 * k) % 10]}`;
      const name = `clip${String(k++).padStart(4, '0')}`;
      speak(voice, 130 + 30 * (i % 3), 30 + 20 * (i % 3), text, join(dir, `${name}.wav`));
      writeFileSync(join(dir, `${name}.txt`), text);
    }
  }
  return dir;
}

interface Run {
  recipe: string;
  data: () => string | null;
  what: string;
}

const RUNS: Run[] = [
  { recipe: 'mnist-cnn', data: () => 'data/mnist', what: 'embedded MNIST subset: 8,000 train / 2,000 test digits' },
  { recipe: 'tabular-mlp', data: tabular, what: 'breast-cancer table (python3-sklearn): 569 rows, 30 features' },
  { recipe: 'text-rnn', data: textFolder, what: 'fortunes by topic (4 topics, 2,400 texts)' },
  { recipe: 'text-transformer', data: textFolder, what: 'fortunes by topic (4 topics, 2,400 texts)' },
  { recipe: 'char-lstm', data: textCorpus, what: "the 'computers' fortunes (238 KB)" },
  { recipe: 'speech-conv1d', data: speechCommands, what: '10 words × 10 espeak-ng voices × 3 speeds × 3 pitches; unseen test voice' },
  { recipe: 'speech-ctc', data: speechPairs, what: '300 two-digit strings spoken by 10 espeak-ng voices' },
  { recipe: 'audio-autoencoder', data: speechCommands, what: 'the espeak-ng command words' },
];

const prepared = new Map<() => string | null, string | null>();
const rows: string[] = [];
for (const run of RUNS.filter((r) => !only || only.includes(r.recipe))) {
  if (!prepared.has(run.data)) prepared.set(run.data, run.data());
  const data = prepared.get(run.data)!;
  if (!data) {
    rows.push(`| ${run.recipe} | ${run.what} | — | not run: apt-get install fortunes python3-sklearn espeak-ng | — |`);
    continue;
  }
  let out = '';
  let err = '';
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
  const code = await runCli(['train', run.recipe, '--data', data, '--out', join(work, 'models', run.recipe), '--json'], io);
  if (code !== 0) {
    rows.push(`| ${run.recipe} | ${run.what} | — | failed: ${err.trim()} | — |`);
    continue;
  }
  const report = JSON.parse(out) as TrainReport;
  const figures = Object.entries(report.test).map(([k, v]) => `${k} ${Math.abs(v) < 10 ? v.toFixed(4) : v.toFixed(1)}`).join(', ');
  rows.push(`| ${run.recipe} | ${run.what} | ${report.epochs} | ${figures} | ${report.seconds.toFixed(0)} s |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| recipe | data | epochs | test figures | train + test time |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
rmSync(work, { recursive: true, force: true });
