/** The process entry of the `tessera` command (bin/tessera runs the compiled copy; npm start runs this with tsx). */
import { relaunchWithTunedMalloc } from '../node/tuned-malloc.js';
import { runCli } from './main.js';

// Long training runs: keep glibc from returning the large per-step buffers every step (tuned-malloc.ts).
relaunchWithTunedMalloc();
process.exitCode = await runCli(process.argv.slice(2));
