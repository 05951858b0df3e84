/**
 * The dashboard's HTTP server (node:http; small enough that a framework would add more than it
 * saves). It serves a fixed set of files — the page, its script and style, uPlot — and two API
 * routes: the stored runs, and one run's events as server-sent events (the file replayed, then
 * followed as it grows, so a reloaded page or a restarted server shows the whole run). Anything
 * else is 404; requests from other origins or for another Host (DNS rebinding) are refused.
 */
import { TesseraError } from '../core/errors.js';
import { joinPath, nodeFs } from '../io/node-fs.js';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './page.js';
import { RUN_NAME, listRuns } from './run-store.js';

export interface DashboardServerOptions {
  /** The folder holding the runs (one folder per run). */
  dir: string;
  /** Interface to bind (default 127.0.0.1: this machine only). */
  host?: string;
  /** Port (default 0: a free one is chosen). */
  port?: number;
}

export interface DashboardServer {
  readonly url: string;
  readonly port: number;
  /** Event streams being served now (a client that left is no longer counted). */
  readonly followers: number;
  /**
   * Whether the server (its socket, its clients' connections and their timers) keeps the Node
   * process alive; true at start. The dashboard callback lets go of it while training, so a fit
   * that throws or is interrupted does not leave a program hanging on the dashboard.
   */
  hold(keep: boolean): void;
  close(): Promise<void>;
}

type Asset = { type: string; body: () => Promise<string | Uint8Array> };

/** How often a followed run's file is checked for new lines. */
const FOLLOW_MS = 250;
/** Most bytes of a run's file read per poll: a long run is replayed in pieces, not in one buffer. */
const READ_BYTES = 1 << 20;
/** A line longer than this is not an event the writer made: the stream ends instead of holding it. */
const MAX_LINE_CHARS = 32 << 20;

async function vendorFile(path: string): Promise<Uint8Array> {
  const { createRequire } = await import('node:module');
  const fs = await nodeFs('dashboard');
  return fs.readFile(createRequire(import.meta.url).resolve(path));
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const http = await import('node:http');
  const fs = await nodeFs('dashboard');
  const host = options.host ?? '127.0.0.1';
  const assets: Record<string, Asset> = {
    '/': { type: 'text/html; charset=utf-8', body: async () => PAGE_HTML },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: async () => PAGE_JS },
    '/app.css': { type: 'text/css; charset=utf-8', body: async () => PAGE_CSS },
    '/vendor/uPlot.iife.min.js': { type: 'text/javascript; charset=utf-8', body: () => vendorFile('uplot/dist/uPlot.iife.min.js') },
    '/vendor/uPlot.min.css': { type: 'text/css; charset=utf-8', body: () => vendorFile('uplot/dist/uPlot.min.css') },
  };
  const followers = new Set<() => void>();
  const sockets = new Set<import('node:net').Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let held = true;
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    };
    // A page on another origin, or a name that resolves here but is not ours, gets nothing.
    const origin = req.headers.origin;
    if ((req.headers.host && !allowedHosts().has(req.headers.host)) || (origin && !allowedHosts().has(origin.replace(/^https?:\/\//, '')))) {
      send(403, 'forbidden: the dashboard answers only its own origin');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'method not allowed');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const asset = assets[path];
    if (asset) {
      asset.body().then((body) => {
        res.writeHead(200, {
          'Content-Type': asset.type,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; media-src 'self' data:; style-src 'self' 'unsafe-inline'",
          'Cache-Control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      }, (e: unknown) => send(500, `dashboard: ${(e as Error).message}`));
      return;
    }
    if (path === '/api/runs') {
      listRuns(options.dir).then((runs) => send(200, JSON.stringify(runs), 'application/json'), (e: unknown) => send(500, (e as Error).message));
      return;
    }
    const m = /^\/api\/runs\/([^/]+)\/events$/.exec(path);
    if (m && RUN_NAME.test(m[1]!)) {
      followRun(m[1]!, res);
      return;
    }
    send(404, 'not found');
  });

  /** Server-sent events: every line of the run's file, then each line appended later. */
  function followRun(run: string, res: import('node:http').ServerResponse): void {
    const file = joinPath(joinPath(options.dir, run), 'events.jsonl');
    let offset = 0;
    let partial = '';
    // One decoder for the stream: a character split between two reads is joined, not garbled.
    const decoder = new TextDecoder();
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = () => {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        timers.delete(timer);
      }
      followers.delete(stop);
    };
    followers.add(stop);
    res.on('close', stop);
    const poll = async (): Promise<void> => {
      if (closed) return;
      // A client that stops reading (a stalled connection) is sent nothing more until it drains:
      // what the server holds for it stays one read, whatever the file grows to.
      if (res.writableNeedDrain) {
        res.once('drain', () => void poll());
        return;
      }
      let more = false;
      try {
        const handle = await fs.open(file, 'r');
        try {
          const { size } = await handle.stat();
          if (size > offset) {
            const buf = new Uint8Array(Math.min(size - offset, READ_BYTES));
            const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
            offset += bytesRead;
            more = bytesRead > 0 && offset < size;
            const lines = (partial + decoder.decode(buf.subarray(0, bytesRead), { stream: true })).split('\n');
            partial = lines.pop()!; // a line still being written waits for the next poll
            if (partial.length > MAX_LINE_CHARS) throw new TesseraError(`dashboard: a line of ${run}/events.jsonl is longer than ${MAX_LINE_CHARS} characters. Received: ${partial.length} characters without a newline`);
            for (const l of lines) if (l && !closed) res.write(`data: ${l}\n\n`);
          } else if (!closed) {
            res.write(': keep-alive\n\n');
          }
        } finally {
          await handle.close();
        }
      } catch (e) {
        if (!closed) {
          res.write(`event: failure\ndata: ${JSON.stringify((e as Error).message)}\n\n`);
          res.end();
          stop();
          return;
        }
      }
      // The rest of a long file follows at once; then the file is checked every FOLLOW_MS.
      if (!closed) {
        const t = setTimeout(() => {
          timers.delete(t);
          void poll();
        }, more ? 0 : FOLLOW_MS);
        if (!held) t.unref();
        timers.add(t);
        timer = t;
      }
    };
    fs.access(file).then(() => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      void poll();
    }, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('no such run');
      stop();
    });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    if (!held) socket.unref();
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new TesseraError(`dashboard: cannot listen on ${host}:${options.port ?? 0} (${e.code ?? e.message})`)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    get followers() {
      return followers.size;
    },
    hold: (keep) => {
      held = keep;
      for (const h of [server, ...sockets, ...timers]) {
        if (keep) h.ref();
        else h.unref();
      }
    },
    close: () => new Promise<void>((resolve) => {
      for (const stop of [...followers]) stop();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
