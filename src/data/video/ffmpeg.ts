/**
 * Running the system's ffmpeg and ffprobe (Debian: `apt-get install ffmpeg`, which installs both).
 * No npm package ships them here: the static-binary packages download at install time, which this
 * project's offline install forbids. Where the binaries are: the `ffmpegPath` option, else the
 * TESSERA_FFMPEG environment variable, else `ffmpeg` on PATH; ffprobe is looked for beside ffmpeg
 * (`ffprobePath` / TESSERA_FFPROBE override). Node-only: child_process is imported when called.
 */
import { TesseraError } from '../../core/errors.js';

export interface FfmpegOptions {
  /** The ffmpeg binary; default TESSERA_FFMPEG, else `ffmpeg` on PATH. */
  ffmpegPath?: string;
  /** The ffprobe binary; default TESSERA_FFPROBE, else `ffprobe` beside the ffmpeg in use. */
  ffprobePath?: string;
  /** Kills the process after this many milliseconds (a stuck decode never hangs the caller). Default 60,000. */
  timeoutMs?: number;
}

export const INSTALL_HINT = 'install ffmpeg (apt-get install ffmpeg) or set TESSERA_FFMPEG';

/** The ffmpeg binary to run: option, env, PATH. */
export function ffmpegBinary(options: FfmpegOptions = {}): string {
  return options.ffmpegPath ?? envVar('TESSERA_FFMPEG') ?? 'ffmpeg';
}

/** The ffprobe binary: option, env, else the ffmpeg binary's name with 'ffmpeg' → 'ffprobe'. */
export function ffprobeBinary(options: FfmpegOptions = {}): string {
  const explicit = options.ffprobePath ?? envVar('TESSERA_FFPROBE');
  if (explicit) return explicit;
  const ffmpeg = ffmpegBinary(options);
  const slash = ffmpeg.lastIndexOf('/');
  const base = ffmpeg.slice(slash + 1);
  return ffmpeg.slice(0, slash + 1) + (base.includes('ffmpeg') ? base.replace('ffmpeg', 'ffprobe') : 'ffprobe');
}

function envVar(name: string): string | undefined {
  const v = typeof process !== 'undefined' ? process.env[name] : undefined;
  return v ? v : undefined;
}

/** The last non-empty line of a process's stderr (ffmpeg's error is there). */
export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines[lines.length - 1] ?? '(no output on stderr)';
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `binary args`, collecting stdout; rejects with a TesseraError (`what` names the call and
 * the file) when the binary is missing, exits non-zero (with stderr's last line), or runs past
 * `timeoutMs` (the process is killed). Stdout beyond `maxOutputBytes` is not kept: the process is
 * killed there and what came before is the result (a file that decodes to more than its header
 * promised cannot make the caller buffer without bound).
 */
export async function runTool(binary: string, args: readonly string[], what: string, timeoutMs = 60_000, maxOutputBytes = Infinity): Promise<RunResult> {
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TesseraError(`${what}: timeoutMs must be > 0. Received: timeoutMs=${timeoutMs}`);
  const { spawn } = await import('node:child_process');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let settled = false;
    const finish = (e: TesseraError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve({ stdout: Buffer.concat(out), stderr: err });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new TesseraError(`${what}: ${binary} did not finish within ${timeoutMs} ms and was killed (raise timeoutMs for long videos). Received: stderr '${lastLine(err)}'`));
    }, timeoutMs);
    let outBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      if (settled) return;
      const room = maxOutputBytes - outBytes;
      out.push(b.length > room ? b.subarray(0, room) : b);
      outBytes += Math.min(b.length, room);
      if (outBytes >= maxOutputBytes) {
        child.kill('SIGKILL');
        finish(null);
      }
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (err.length > 65_536) err = err.slice(-16_384); // keep the tail; ffmpeg can be chatty
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const missing = e.code === 'ENOENT' || e.code === 'EACCES';
      finish(new TesseraError(missing
        ? `${what}: cannot run '${binary}': ${INSTALL_HINT}. Received: ${e.code}`
        : `${what}: running '${binary}' failed. Received: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish(null);
      else finish(new TesseraError(`${what}: ${binary} failed (${signal ? `signal ${signal}` : `exit code ${code}`}). Received: '${lastLine(err)}'`));
    });
  });
}
