/** @module The add-on's own JavaScript realm (a Node `vm` context), as Apps Script gives it one. */
import vm from 'node:vm'

export interface Realm {
  context: vm.Context
  /** A value rebuilt with the realm's own arrays, objects and Dates (`instanceof` works there). */
  copyIn<T>(value: T): T
  run(code: string, filename: string): unknown
}

const COPY = `(function copy(v) {
  if (Array.isArray(v)) return v.map(copy);
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date(v.getTime());
  if (v !== null && typeof v === 'object') {
    var o = {};
    Object.keys(v).forEach(function (k) { o[k] = copy(v[k]); });
    return o;
  }
  return v;
})`

export function createRealm(globals: Record<string, unknown>): Realm {
  const context = vm.createContext({ ...globals })
  const copy = vm.runInContext(COPY, context) as <T>(value: T) => T
  return {
    context,
    copyIn: (value) => copy(value),
    run: (code, filename) => vm.runInContext(code, context, { filename }),
  }
}

/** A value from the realm rebuilt in the test's realm (plain data: what the stand-ins keep). */
export function copyOut<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOut) as T
  if (Object.prototype.toString.call(value) === '[object Date]') {
    return new Date((value as unknown as Date).getTime()) as T
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOut(v)])) as T
  }
  return value
}
