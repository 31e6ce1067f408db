// Translates the MongoDB-style conditions of the benchmark into JsonLogic, for json-logic-js.
// JsonLogic has no regular expressions, no case-insensitive matching, no type test and no version
// compare: conditions using them throw Unsupported. It has no array length either; $size counts
// with reduce. `$in` against an array attribute needs `some`, so the translation looks at the
// attribute's type in the context, as a shop writing JsonLogic by hand would know it.

export class Unsupported extends Error {}

const COMPARE = { $eq: '===', $ne: '!==', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

const valueAt = (data, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), data);
const isOperatorObject = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k.startsWith('$'));

/** JsonLogic for `condition`; `data` is the context the attribute types are read from, `groups` the saved groups. */
export function toJsonLogic(condition, data, groups) {
  const parts = Object.entries(condition).map(([key, value]) => {
    if (key === '$and') return { and: value.map((c) => toJsonLogic(c, data, groups)) };
    if (key === '$or') return { or: value.map((c) => toJsonLogic(c, data, groups)) };
    if (key === '$nor') return { '!': { or: value.map((c) => toJsonLogic(c, data, groups)) } };
    if (key === '$not') return { '!': toJsonLogic(value, data, groups) };
    if (key.startsWith('$')) throw new Unsupported(key);
    return field({ var: key }, valueAt(data, key), value, groups);
  });
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** The test of `expected` (a plain value or operators) on the value `lhs` (JsonLogic), whose sample value is `sample`. */
function field(lhs, sample, expected, groups) {
  if (!isOperatorObject(expected)) {
    if (expected !== null && typeof expected === 'object') throw new Unsupported('deep equality');
    return typeof expected === 'boolean' ? { '===': [{ '!!': [lhs] }, expected] } : { '===': [lhs, expected] };
  }
  const tests = Object.entries(expected).map(([op, operand]) => operator(lhs, sample, op, operand, groups));
  return tests.length === 1 ? tests[0] : { and: tests };
}

function operator(lhs, sample, op, operand, groups) {
  if (COMPARE[op]) return { [COMPARE[op]]: [lhs, operand] };
  switch (op) {
    case '$in':
      return Array.isArray(sample) ? { some: [lhs, { in: [{ var: '' }, operand] }] } : { in: [lhs, operand] };
    case '$nin':
      return { '!': operator(lhs, sample, '$in', operand, groups) };
    case '$inGroup':
      return operator(lhs, sample, '$in', groups[operand] || [], groups);
    case '$notInGroup':
      return operator(lhs, sample, '$nin', groups[operand] || [], groups);
    case '$exists':
      return { [operand ? '!=' : '==']: [lhs, null] };
    case '$all':
      return { and: operand.map((item) => ({ in: [item, lhs] })) };
    case '$size': {
      const length = { reduce: [lhs, { '+': [{ var: 'accumulator' }, 1] }, 0] };
      return typeof operand === 'number' ? { '===': [length, operand] } : field(length, 0, operand, groups);
    }
    case '$elemMatch': {
      const element = Array.isArray(sample) ? sample[0] : undefined;
      return { some: [lhs, isOperatorObject(operand) ? field({ var: '' }, element, operand, groups) : toJsonLogic(operand, element || {}, groups)] };
    }
    case '$not':
      return { '!': field(lhs, sample, operand, groups) };
    default:
      throw new Unsupported(op);
  }
}
