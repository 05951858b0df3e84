/** The process entry of the `tessera` command (bin/tessera runs the compiled copy; npm start runs this with tsx). */
import { relaunchWithTunedMalloc } from '../node/tuned-malloc.js';
import { runCli } from './main.js';

// Long training runs: keep glibc from returning the large per-step buffers every step (tuned-malloc.ts).
// Ctrl-C reaches the relaunched child too (same process group): this waiting parent must outlive
// it, so the child can save its checkpoint and the shell gets the child's exit code.
const waitThroughInterrupt = (): void => {};
process.on('SIGINT', waitThroughInterrupt);
relaunchWithTunedMalloc();
process.off('SIGINT', waitThroughInterrupt);
process.exitCode = await runCli(process.argv.slice(2));
