/**
 * Per-function copies of hot loops. A loop that calls a different scalar callback for every op
 * becomes megamorphic in V8 and runs ~10× slower than one that sees a single callback. Building
 * the loop with `new Function` gives each op its own copy, whose call site V8 can inline.
 * Where code generation is forbidden (a strict Content-Security-Policy), the shared loop is used.
 */
const cache = new WeakMap<object, unknown>();
let codegenAllowed: boolean | null = null;

function canGenerate(): boolean {
  if (codegenAllowed === null) {
    try {
      codegenAllowed = new Function('return 1')() === 1;
    } catch {
      codegenAllowed = false;
    }
  }
  return codegenAllowed;
}

/** Returns a copy of `template` private to `key` (cached), or `template` itself if codegen is off. */
export function specialize<F extends (...args: never[]) => unknown>(key: object, template: F): F {
  if (!canGenerate()) return template;
  const byTemplate = (cache.get(key) as Map<F, F> | undefined) ?? new Map<F, F>();
  cache.set(key, byTemplate);
  let fn = byTemplate.get(template);
  if (!fn) {
    fn = new Function(`return ${template.toString()}`)() as F;
    byTemplate.set(template, fn);
  }
  return fn;
}
