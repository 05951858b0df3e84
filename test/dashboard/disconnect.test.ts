/**
 * The dashboard server against clients that misbehave (server.test.ts covers the well-behaved
 * ones): clients that abort, reset or half-send their request while a run is being written must
 * not disturb a client that stays (it still gets every event, once, in order), must leave no
 * follower, socket or file handle behind, and a client that stops reading must not make the
 * server hold the growing file in memory.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { RunWriter, readRun, startDashboardServer, type DashboardServer, type RunEvent } from '../../src/dashboard/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-dashboard-disconnect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const resources = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

/** A client that reads the event stream until told to leave. */
function follow(port: number, run: string): { data: string[]; leave: () => void; paused: (p: boolean) => void } {
  const data: string[] = [];
  let buffer = '';
  let response: import('node:http').IncomingMessage | null = null;
  const req = request({ host: '127.0.0.1', port, path: `/api/runs/${run}/events` }, (res) => {
    response = res;
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buffer += c;
      const parts = buffer.split('\n\n');
      buffer = parts.pop()!;
      for (const p of parts) if (p.startsWith('data: ')) data.push(p.slice(6));
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { data, leave: () => req.destroy(), paused: (p) => (p ? response?.pause() : response?.resume()) };
}

/** One misbehaving client; each kind leaves at a different moment of the exchange. */
async function misbehave(kind: number, port: number, run: string): Promise<void> {
  const path = `/api/runs/${run}/events`;
  const host = `127.0.0.1:${port}`;
  switch (kind % 7) {
    case 0: { // fetch, read one chunk, abort
      const ac = new AbortController();
      const res = await fetch(`http://${host}${path}`, { signal: ac.signal });
      await res.body!.getReader().read();
      ac.abort();
      return;
    }
    case 1: // the socket destroyed after the first data
    case 2: // … after the headers only
    case 3: // … right after the request is sent, before any answer
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path }, (res) => {
          if (kind % 7 === 2) { req.destroy(); resolve(); return; }
          res.once('data', () => { req.destroy(); resolve(); });
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.end();
        if (kind % 7 === 3) setImmediate(() => req.destroy());
      });
      return;
    default: { // raw sockets: half a request line, half a POST body, or a reset mid-stream
      const raw = [
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n`,
        `POST /api/runs HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100000\r\n\r\n{"partial":`,
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      ][kind % 7 - 4]!;
      await new Promise<void>((resolve) => {
        const s = connect(port, '127.0.0.1', () => {
          s.write(raw);
          if (kind % 7 === 6) s.once('data', () => { s.resetAndDestroy(); resolve(); });
          else setTimeout(() => { s.destroy(); resolve(); }, 5);
        });
        s.on('error', () => resolve());
      });
    }
  }
}

describe('dashboard server with clients that leave mid-stream', () => {
  it('others keep receiving every event; nothing is left behind', async () => {
    const writer = await RunWriter.create(dir, 'churn');
    await writer.append({ type: 'start', t: 0, run: writer.run, name: 'churn', epochs: 1, steps: 80, samples: null, summary: [], startedAt: new Date().toISOString() });
    const server: DashboardServer = await startDashboardServer({ dir });
    const sockets0 = resources('TCPSocketWrap');
    const steady = follow(server.port, writer.run);
    await until('the first event', () => steady.data.length === 1);
    expect(server.followers).toBe(1);
    const sockets1 = resources('TCPSocketWrap'); // the steady client's two ends

    // Training writes its batches while 70 clients come and go, 7 at a time, in every way.
    const writing = (async () => {
      for (let b = 0; b < 80; b++) {
        await writer.append({ type: 'batch', t: b / 100, epoch: 0, batch: b, step: b, logs: { loss: 1 / (b + 1) }, samplesPerSecond: 100 });
        await sleep(8);
      }
      await writer.append({ type: 'end', t: 1, logs: { loss: 0.01 } });
    })();
    for (let round = 0; round < 10; round++) {
      await Promise.all([0, 1, 2, 3, 4, 5, 6].map((k) => misbehave(round * 7 + k, server.port, writer.run)));
    }
    await writing;

    await until('the end event', () => steady.data.some((d) => d.includes('"type":"end"')));
    const written = await readRun(dir, writer.run);
    expect(written).toHaveLength(82);
    expect(steady.data.map((d) => JSON.parse(d) as RunEvent)).toEqual(written);
    // The 70 left: only the steady client is followed, no socket or file handle of theirs remains.
    await until('the followers to go', () => server.followers === 1);
    // (fetch's own pool keeps a spare connection open for its keep-alive time, 4 s: hence the wait.)
    await until('their sockets to close', () => resources('TCPSocketWrap') === sockets1, 15_000);
    await until('file handles to close', () => resources('FileHandle') === 0);
    // The server still answers, and a new client gets the whole run.
    const late = follow(server.port, writer.run);
    await until('a late client to catch up', () => late.data.length === 82);
    late.leave();
    steady.leave();
    await until('no followers', () => server.followers === 0);
    await until('all sockets to close', () => resources('TCPSocketWrap') === sockets0);
    await server.close();
  });

  it('close() ends the streams still open, at once', async () => {
    const writer = await RunWriter.create(dir, 'open');
    await writer.append({ type: 'end', t: 0, logs: {} });
    const server = await startDashboardServer({ dir });
    const clients = [0, 1, 2].map(() => follow(server.port, writer.run));
    await until('three followers', () => server.followers === 3 && clients.every((c) => c.data.length === 1));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.followers).toBe(0);
    expect(resources('FileHandle')).toBe(0);
  });

  it('a client that stops reading is sent nothing more until it reads: the server does not hold the file', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    mkdirSync(join(dir, 'big'));
    const file = join(dir, 'big', 'events.jsonl');
    appendFileSync(file, '{"type":"start"}\n');
    const server = await startDashboardServer({ dir });
    const slow = follow(server.port, 'big');
    await until('the first event', () => slow.data.length === 1);
    slow.paused(true);
    gc();
    const before = process.memoryUsage();
    // 24 MB of events, written as training would, with 2-byte characters that 1 MB reads split.
    const line = (k: number): string => JSON.stringify({ type: 'batch', batch: k, text: 'é'.repeat(4000 + (k % 7)) });
    for (let k = 0; k < 24; k++) {
      let chunk = '';
      for (let j = 0; j < 125; j++) chunk += `${line(k * 125 + j)}\n`;
      appendFileSync(file, chunk);
      await sleep(10);
    }
    await sleep(600); // a few polls
    gc();
    const after = process.memoryUsage();
    const heldMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
    expect(heldMb).toBeLessThan(8);
    slow.paused(false);
    await until('the whole file', () => slow.data.length === 1 + 24 * 125, 20_000);
    for (let k = 0; k < 24 * 125; k += 97) expect(slow.data[1 + k]).toBe(line(k));
    expect(slow.data.some((d) => d.includes('\ufffd'))).toBe(false);
    slow.leave();
    await server.close();
  });
});
