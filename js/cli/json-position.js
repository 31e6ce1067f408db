// JSON files as the commands read them, and what is wrong with text that should be JSON, with the
// line and column when the parser says where.

import { readFile } from 'node:fs/promises';

/**
 * `text` without the byte order mark it may start with: editors write one, JSON.parse refuses it,
 * and the browser's Response.text() drops it.
 */
export const withoutBom = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** "line L, column C" of the character at `index` of `text`. */
function where(text, index) {
  const before = text.slice(0, index).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * What JSON.parse takes and the engine's parser (nlohmann's rules) refuses: a \u escape of half a
 * surrogate pair, and a number beyond the largest double. The first one found, or null.
 */
function engineRefuses(text) {
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const escape = /\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([dD][89a-fA-F][0-9a-fA-F]{2})|\\./y;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') {
      for (i += 1; text[i] !== '"'; i += 1) {
        if (text[i] !== '\\') continue;
        escape.lastIndex = i;
        const m = escape.exec(text);
        if (m[3]) return `${where(text, i)}: \\u${m[3]} is half of a surrogate pair`;
        i = escape.lastIndex - 1;
      }
    } else if (text[i] === '-' || (text[i] >= '0' && text[i] <= '9')) {
      number.lastIndex = i;
      const [digits] = number.exec(text);
      if (!Number.isFinite(Number(digits))) return `${where(text, i)}: ${digits} is beyond the largest number`;
      i = number.lastIndex - 1;
    }
  }
  return null;
}

/** null when `text` parses; otherwise what JSON.parse said, on one line, with "line L, column C" when known. */
export function jsonSyntaxError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error.message.replace(/\n/g, '\\n');
    const at = /position (\d+)/.exec(message);
    return at ? `${where(text, Number(at[1]))}: ${message}` : message;
  }
}

/** The same for text the engine parses itself (rules, a stored profile), whose parser refuses more. */
export function engineJsonError(text) {
  return jsonSyntaxError(text) || engineRefuses(text);
}

/**
 * The text of JSON file `file` without a byte order mark. Rejects, naming it as the `what`, when it
 * cannot be read or `check` (jsonSyntaxError or engineJsonError) finds it is not JSON.
 */
export async function readJsonFile(file, what, check = jsonSyntaxError) {
  const text = withoutBom(await readFile(file, 'utf8').catch((error) => {
    throw new Error(`cannot read the ${what} ${file}: ${error.message}`);
  }));
  const syntax = check(text);
  if (syntax) throw new Error(`the ${what} ${file} is not JSON: ${syntax}`);
  return text;
}
