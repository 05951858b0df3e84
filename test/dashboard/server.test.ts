/**
 * The dashboard's server and run files without a browser: a short fit records its run, the API
 * and the event stream give back exactly what fit's History holds, a restarted server replays the
 * run from its file, and the server answers only its own files, its own origin and its own host.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { readRun, startDashboardServer, type RunEvent } from '../../src/dashboard/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-dashboard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A raw GET (fetch would normalise '..' in paths and forbids setting Host/Origin). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads server-sent events until `until` says stop; returns the parsed events. */
function events(port: number, run: string, until: (e: RunEvent[]) => boolean): Promise<RunEvent[]> {
  return new Promise((resolve, reject) => {
    const got: RunEvent[] = [];
    let buffer = '';
    const req = request({ host: '127.0.0.1', port, path: `/api/runs/${run}/events` }, (res) => {
      expect(res.headers['content-type']).toBe('text/event-stream');
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        for (const p of parts) if (p.startsWith('data: ')) got.push(JSON.parse(p.slice(6)) as RunEvent);
        if (until(got)) {
          req.destroy(); // the client leaves mid-stream: the server must carry on
          resolve(got);
        }
      });
    });
    req.on('error', (e) => (got.length ? undefined : reject(e)));
    req.end();
  });
}

async function train(dash: tsr.callbacks.Dashboard): Promise<tsr.callbacks.History> {
  tsr.setSeed(1);
  const x = tsr.randomNormal([64, 4], { key: tsr.randomKey(2) });
  const y = tsr.cast(tsr.greater(tsr.sum(x, -1), 0), 'int32');
  const model = tsr.sequential([tsr.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), tsr.layers.dense({ units: 2 })], { name: 'tiny' });
  model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  return model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.25, verbose: 0, callbacks: [dash] });
}

describe('dashboard server', () => {
  it('records a run and streams exactly what fit returned; a restarted server replays it', async () => {
    const lines: string[] = [];
    const dash = tsr.callbacks.dashboard({ dir, keepOpen: true, print: (l) => lines.push(l) });
    const history = await train(dash);
    expect(dash.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines[0]).toMatch(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(run .*tiny\)$/);
    const port = dash.server!.port;
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js">');
    for (const asset of ['/app.js', '/app.css', '/vendor/uPlot.iife.min.js', '/vendor/uPlot.min.css']) expect((await get(port, asset)).status).toBe(200);
    const runs = JSON.parse((await get(port, '/api/runs')).body) as string[];
    expect(runs).toEqual([dash.writer!.run]);

    const stream = await events(port, runs[0]!, (e) => e.some((x) => x.type === 'end'));
    const epochs = stream.filter((e): e is Extract<RunEvent, { type: 'epoch' }> => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    for (const key of Object.keys(history.history)) {
      expect(epochs.map((e) => e.logs[key])).toEqual(history.history[key]);
    }
    const batches = stream.filter((e): e is Extract<RunEvent, { type: 'batch' }> => e.type === 'batch');
    expect(batches.map((b) => [b.epoch, b.batch])).toEqual([0, 1, 2].flatMap((e) => [[e, 0], [e, 1], [e, 2]])); // 48 training samples / 16 × 3 epochs
    const start = stream[0] as Extract<RunEvent, { type: 'start' }>;
    expect(start.summary.join('\n')).toMatch(/dense/);
    expect(epochs.every((e) => e.seconds > 0 && e.learningRate !== null)).toBe(true);
    await dash.close();

    // A new server over the same folder (a restart, or `tessera dashboard <dir>`) replays the run.
    const again = await startDashboardServer({ dir });
    const replay = await events(again.port, runs[0]!, (e) => e.some((x) => x.type === 'end'));
    expect(replay).toEqual(await readRun(dir, runs[0]!));
    expect(replay).toEqual(stream);
    await again.close();
  });

  it('serves only its own files, to its own origin and host', async () => {
    const server = await startDashboardServer({ dir });
    const p = server.port;
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/vendor/../../package.json', '/vendor/uPlot.esm.js', '/api/runs/..%2F..%2Fetc/events',
      '/api/runs/../events', '/etc/passwd', '/app.js/..', '/api/runs/nope/events']) {
      expect((await get(p, path)).status, path).toBe(404);
    }
    expect((await get(p, '/', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(p, '/api/runs', { Host: `evil.example:${p}` })).status).toBe(403);
    expect((await get(p, '/', { Origin: `http://127.0.0.1:${p}` })).status).toBe(200);
    expect((await get(p, '/', { Host: `localhost:${p}` })).status).toBe(200);
    await server.close();
  });

  it('binds to 127.0.0.1 unless told otherwise, and names a port it cannot take', async () => {
    const a = await startDashboardServer({ dir });
    expect(a.url.startsWith('http://127.0.0.1:')).toBe(true);
    await expect(startDashboardServer({ dir, port: a.port })).rejects.toThrow(`dashboard: cannot listen on 127.0.0.1:${a.port} (EADDRINUSE)`);
    await a.close();
  });
});
