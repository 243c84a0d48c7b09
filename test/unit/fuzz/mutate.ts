/**
 * Valid documents with a few parts broken. Breaking a valid sample reaches far deeper into a
 * parser than random input does: every check before the broken part passes, so the one after it
 * is the one exercised.
 */
import fc from 'fast-check';
import { junkArb, junkJsonArb, hugeStringArb, textEditArb } from './junk';

type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'add'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'swap'; readonly at: number; readonly from: number }
  | {
      readonly kind: 'edit';
      readonly at: number;
      readonly pos: number;
      readonly cut: number;
      readonly insert: string;
    }
  | { readonly kind: 'repeat'; readonly at: number; readonly times: number };

function mutationArb(values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace'), at, value: values }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), at }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('add'),
        at,
        key: fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'toString', 'length', '0', ''),
          fc.string({ maxLength: 8 }),
        ),
        value: values,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap'), at, from: fc.nat() }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('edit'),
        at,
        pos: fc.nat(),
        cut: fc.nat({ max: 4 }),
        insert: fc.string({ unit: 'binary', maxLength: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('repeat'),
        at,
        times: fc.integer({ min: 2, max: 40 }),
      }),
    },
  );
}

type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

/** Every value inside `doc` as the slot that holds it, depth first; the root is not a slot. */
function slots(parent: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (!isContainer(parent) || depth > 12) return out;
  for (const key of Object.keys(parent)) {
    const k = Array.isArray(parent) ? Number(key) : key;
    out.push({ parent, key: k });
    slots((parent as Record<string, unknown>)[key], out, depth + 1);
  }
  return out;
}

/** Plain objects and arrays: the containers a document is made of, which mutations may change. */
function isContainer(value: unknown): value is Slot['parent'] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets an own property to a copy of `value` (fast-check owns the original and shrinks with it),
 * as an own property so that "__proto__" is a key and not the prototype. Only plain objects and
 * arrays are changed: a clone would drop what was added to a typed array, a Map or a Date.
 */
function put(parent: Slot['parent'], key: string | number, value: unknown): void {
  if (!isContainer(parent)) return;
  const copy = structuredClone(value);
  if (Array.isArray(parent)) {
    if (typeof key === 'number') parent[key] = copy;
    return;
  }
  Reflect.defineProperty(parent, key, {
    value: copy,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** One more member: an array item, or an object key. */
function add(container: unknown, key: string, value: unknown): void {
  if (Array.isArray(container)) container.push(structuredClone(value));
  else if (isContainer(container)) put(container, key, value);
}

function read(slot: Slot): unknown {
  return (slot.parent as Record<string | number, unknown>)[slot.key];
}

/** A string with a few characters cut and others spliced in; a number nudged off its value. */
function edited(value: unknown, pos: number, cut: number, insert: string): unknown {
  if (typeof value === 'string') {
    const i = pos % (value.length + 1);
    return value.slice(0, i) + insert + value.slice(i + cut);
  }
  if (typeof value === 'number') {
    const nudges = [value + 1, -value, value * 1e6, value + 0.5, String(value), value - 2 ** 53];
    return nudges[pos % nudges.length];
  }
  if (typeof value === 'boolean') return pos % 2 === 0 ? String(value) : Number(value);
  return insert;
}

function apply(root: unknown, m: Mutation): unknown {
  const all = slots(root);
  // One mutation in sixteen is of the root itself, which is replaced or edited whole.
  if (all.length === 0 || m.at % 16 === 15) {
    if (m.kind === 'replace') return structuredClone(m.value);
    if (m.kind === 'edit') return edited(root, m.pos, m.cut, m.insert);
    if (m.kind === 'repeat') return Array.from({ length: m.times }, () => structuredClone(root));
    if (m.kind === 'add') add(root, m.key, m.value);
    return root;
  }
  const slot = all[m.at % all.length] as Slot;
  const value = read(slot);
  switch (m.kind) {
    case 'replace':
      put(slot.parent, slot.key, m.value);
      break;
    case 'delete':
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else Reflect.deleteProperty(slot.parent, slot.key);
      break;
    case 'add':
      if (isContainer(value)) add(value, m.key, m.value);
      else put(slot.parent, slot.key, m.value);
      break;
    case 'swap': {
      // A value of the right name but from elsewhere in the document: often the wrong type.
      const other = all[m.from % all.length] as Slot;
      put(slot.parent, slot.key, read(other));
      break;
    }
    case 'edit':
      put(slot.parent, slot.key, edited(value, m.pos, m.cut, m.insert));
      break;
    case 'repeat':
      if (Array.isArray(value)) {
        put(
          slot.parent,
          slot.key,
          Array.from({ length: m.times }, (_, i) =>
            structuredClone((value as unknown[])[i % Math.max(1, value.length)]),
          ),
        );
      } else if (typeof value === 'string') {
        put(slot.parent, slot.key, value.repeat(m.times));
      } else {
        put(
          slot.parent,
          slot.key,
          Array.from({ length: m.times }, () => structuredClone(value)),
        );
      }
      break;
  }
  return root;
}

/**
 * A copy of a sample with one to four parts broken: a value replaced by junk, deleted, swapped
 * for another part of the document, edited, or repeated; or a key added (`__proto__` included).
 */
export function mutatedArb(
  samples: fc.Arbitrary<unknown>,
  values: fc.Arbitrary<unknown> = junkArb,
): fc.Arbitrary<unknown> {
  return fc
    .tuple(samples, fc.array(mutationArb(values), { minLength: 1, maxLength: 4 }))
    .map(([sample, mutations]) => {
      let doc = structuredClone(sample);
      for (const m of mutations) doc = apply(doc, m);
      return doc;
    });
}

/**
 * A file's text: a mutated document as JSON (most often), the valid text with characters broken,
 * a valid document cut short, or plain junk.
 */
export function mutatedTextArb(samples: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const valid = samples.map((doc) => JSON.stringify(doc));
  return fc.oneof(
    {
      weight: 8,
      arbitrary: mutatedArb(samples, junkJsonArb).map((doc) => JSON.stringify(doc)),
    },
    { weight: 3, arbitrary: textEditArb(valid) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: hugeStringArb },
  );
}
