// Option parsing shared by the commands: node's parseArgs, with errors that name the option.

import { parseArgs } from 'node:util';

/** An error in how a command was called (exit code 2, with a pointer to --help). */
export function usageError(message) {
  return Object.assign(new Error(message), { usage: true });
}

/** Parses `args` with parseArgs `options` (strict); an unknown or malformed option is a usage error. */
export function parseOptions(args, options) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (error) {
    throw usageError(error.message);
  }
}

/**
 * The number given for option `name` (or `fallback` when absent), checked against
 * `{ min, max, integer }` (min and max exclusive unless `inclusive`).
 */
export function numberOption(values, name, fallback, { min = -Infinity, max = Infinity, integer = false, inclusive = false } = {}) {
  if (values[name] === undefined) return fallback;
  const n = Number(values[name]);
  const inRange = inclusive ? n >= min && n <= max : n > min && n < max;
  if (!Number.isFinite(n) || !inRange || (integer && !Number.isInteger(n))) {
    const bounds = [];
    if (min > -Infinity) bounds.push(`${inclusive ? 'from' : 'above'} ${min}`);
    if (max < Infinity) bounds.push(`${inclusive ? 'to' : 'below'} ${max}`);
    const range = bounds.length ? ` ${bounds.join(inclusive ? ' ' : ' and ')}` : '';
    throw usageError(`--${name} must be ${integer ? 'an integer' : 'a number'}${range}, not "${values[name]}"`);
  }
  return n;
}

/** As parseOptions, with the arguments that are not options: { values, positionals }. */
export function parseCommandLine(args, options) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(error.message);
  }
}
