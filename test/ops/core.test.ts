import { describe } from 'vitest';
import { testOps } from '../helpers/test-op.js';
import { coreCases } from './core.cases.js';

describe('core ops', () => testOps(coreCases));
