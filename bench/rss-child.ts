/**
 * The Tessera side of the suite's peak-RSS row: trains the seed CNN (batch 32) for --seconds in a
 * process of its own and prints its peak resident set (VmHWM, bytes).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tsr from '../src/index.js';
import { cnnBench, timeFit } from './models.js';

const { values: cli } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, threads: { type: 'string', default: '2' } } });
tsr.relaunchWithTunedMalloc();
tsr.setBackend('onnxruntime', { intraOpNumThreads: Number(cli.threads) } as tsr.BackendOptions);
await timeFit(cnnBench(32), Number(cli.seconds));
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(Number(hwm![1]) * 1024);
