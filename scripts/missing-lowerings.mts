// Lists the primitive ops that have no ONNX lowering yet: npx tsx scripts/missing-lowerings.mts
import * as tsr from '../src/index.js';

const missing = [...tsr.registeredOps()].filter(([name, op]) => !op.onnx && !name.startsWith('test.')).map(([name]) => name);
console.log(missing.length ? `${missing.length} without a lowering: ${missing.join(' ')}` : 'every primitive has an ONNX lowering');
