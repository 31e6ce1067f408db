// JSON files as the commands read them, and what is wrong with text that should be JSON, with its
// line and column.

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

/**
 * The index where `text`, which JSON.parse refused, stops being JSON: its end when it stops short.
 * V8 names the position of some errors only ("Unexpected token ']', ..." and "Unexpected end of
 * JSON input" have none).
 */
function errorIndex(text) {
  const space = /[ \t\n\r]*/y;
  const token = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*("?)|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|(t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?)|[[\]{}:,]/y;
  const open = []; // the closing bracket of each array and object the scan is in
  let expect = 'value'; // or 'key', ':', 'more' (a comma or a closing bracket)
  let opened = false;
  for (;;) {
    space.lastIndex = token.lastIndex;
    space.exec(text);
    const at = space.lastIndex;
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) return at;
    const t = m[0];
    const top = open[open.length - 1];
    if (t === top && (expect === 'more' || opened)) {
      open.pop();
      expect = 'more';
    } else if (expect === 'more' && t === ',' && top) expect = top === ']' ? 'value' : 'key';
    else if (expect === ':' && t === ':') expect = 'value';
    else if (expect === 'key' && t[0] === '"') expect = ':';
    else if (expect === 'value' && (t === '[' || t === '{')) {
      open.push(t === '[' ? ']' : '}');
      expect = t === '[' ? 'value' : 'key';
    } else if (expect === 'value' && !'[]{}:,'.includes(t)) expect = 'more';
    else return at;
    // A string or a literal broken off: where it breaks, as V8 says.
    if ((t[0] === '"' && !m[1]) || (m[2] && !['true', 'false', 'null'].includes(t))) return token.lastIndex;
    opened = t === '[' || t === '{';
  }
}

/** null when `text` parses; otherwise what JSON.parse said, on one line, after "line L, column C: ". */
export function jsonSyntaxError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error.message.replace(/\n/g, '\\n');
    const at = / at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message); // not in the quoted text of others
    return `${where(text, at ? Number(at[1]) : errorIndex(text))}: ${message}`;
  }
}

/** The same for text the engine parses itself (rules, a stored profile), whose parser refuses more. */
export function engineJsonError(text) {
  return jsonSyntaxError(text) || engineRefuses(text);
}

/** The text of file `file`; rejects, naming it as the `what`, when it cannot be read. */
export function readTextFile(file, what) {
  return readFile(file, 'utf8').catch((error) => {
    throw new Error(`cannot read the ${what} ${file}: ${error.message}`);
  });
}

/**
 * The text of JSON file `file` without a byte order mark. Rejects, naming it as the `what`, when it
 * cannot be read or `check` (jsonSyntaxError or engineJsonError) finds it is not JSON.
 */
export async function readJsonFile(file, what, check = jsonSyntaxError) {
  const text = withoutBom(await readTextFile(file, what));
  const syntax = check(text);
  if (syntax) throw new Error(`the ${what} ${file} is not JSON: ${syntax}`);
  return text;
}

/**
 * The rules file `file` as readJsonFile() reads it, for createShopkeeper(), which takes text not
 * starting with "{" for a URL to fetch: JSON that is not an object rejects with the engine's error.
 */
export async function readRulesFile(file) {
  const text = await readJsonFile(file, 'rules', engineJsonError);
  // Parsed already: JSON text that is an object starts with {, as createShopkeeper() tells text from a URL.
  if (!text.trimStart().startsWith('{')) throw new Error(`${file}: the rules document must be a JSON object [invalid_document]`);
  return text;
}
