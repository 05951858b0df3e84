/**
 * Runs as files: `<dir>/<run>/events.jsonl`, one JSON event per line, appended as training goes.
 * The dashboard replays a run from its file (a reloaded page, a restarted server, or
 * `tessera dashboard <dir>` after training), so nothing shown lives only in memory.
 */
import { TesseraError } from '../core/errors.js';
import { joinPath, nodeFs } from '../io/node-fs.js';
import type { SampleView } from './render.js';

/** What a run records. `t` is seconds since the run started. */
export type RunEvent =
  | { type: 'start'; t: number; run: string; name: string; epochs: number; steps: number | null; samples: number | null; summary: string[]; startedAt: string }
  | { type: 'batch'; t: number; epoch: number; batch: number; step: number; logs: Record<string, number>; samplesPerSecond: number }
  | { type: 'epoch'; t: number; epoch: number; logs: Record<string, number>; seconds: number; etaSeconds: number | null; learningRate: number | null }
  | { type: 'end'; t: number; logs: Record<string, number> }
  /** Classifiers: the validation samples shown in the grid, rendered once. */
  | { type: 'samples'; t: number; classNames: string[]; items: SampleView[] }
  /** Classifiers: after each epoch, the validation confusion matrix and the grid samples' predicted labels. */
  | { type: 'evaluation'; t: number; epoch: number; confusion: number[][]; predicted: string[] };

const EVENTS = 'events.jsonl';
/** Run folder names: what the writer makes (and all the server will open). */
export const RUN_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export class RunWriter {
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly dir: string, readonly run: string) {}

  static async create(dir: string, name: string): Promise<RunWriter> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const run = `${stamp}-${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}`;
    const fs = await nodeFs('dashboard');
    await fs.mkdir(joinPath(dir, run), { recursive: true });
    return new RunWriter(dir, run);
  }

  /** Appends one event; appends are chained so lines never interleave. */
  append(event: RunEvent): Promise<void> {
    this.pending = this.pending.then(async () => {
      const fs = await nodeFs('dashboard');
      await fs.appendFile(joinPath(joinPath(this.dir, this.run), EVENTS), `${JSON.stringify(event)}\n`);
    });
    return this.pending;
  }

  flush(): Promise<void> {
    return this.pending;
  }
}

/** The runs stored under `dir`, newest first. */
export async function listRuns(dir: string): Promise<string[]> {
  const fs = await nodeFs('dashboard');
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TesseraError(`dashboard: cannot read the runs folder '${dir}' (${(e as Error).message})`);
  }
  const runs: string[] = [];
  for (const name of names) {
    if (!RUN_NAME.test(name)) continue;
    try {
      await fs.access(joinPath(joinPath(dir, name), EVENTS));
      runs.push(name);
    } catch {
      // a folder without events is not a run
    }
  }
  return runs.sort().reverse();
}

/** A run's events so far (a torn last line, from a run that is writing or died mid-write, is skipped). */
export async function readRun(dir: string, run: string): Promise<RunEvent[]> {
  if (!RUN_NAME.test(run)) throw new TesseraError(`dashboard: '${run}' is not a run name`);
  const fs = await nodeFs('dashboard');
  const text = await fs.readFile(joinPath(joinPath(dir, run), EVENTS), 'utf8');
  const events: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      // skipped: see above
    }
  }
  return events;
}
