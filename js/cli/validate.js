// `shopkeeper validate`: checks rules documents with the engine's own load(): the schema and
// what the rules mean, each problem with its JSON path. Exit 1 when any file has errors.

import { readFile, stat } from 'node:fs/promises';
import { loadEngine } from 'shopkeeper';
import { engineJsonError, withoutBom } from './json-position.js';
import { parseCommandLine, usageError } from './options.js';

export const summary = 'check rules documents (schema and meaning), with the JSON path of every problem';

export const usage = `usage: shopkeeper validate FILE.json [FILE.json ...] [--json]

Checks each rules document as the engine loads it and lists every problem with its JSON path,
e.g. "/campaigns/0/action/title: title is required". Exits 1 when any file has errors.
  --json     one JSON object per file: { file, ok, campaigns } or { file, ok: false, errors }
`;

/** The engine's error for a rules document above its limit (RulesLimits::kMaxDocumentBytes, src/core/rules.hpp). */
const TOO_LARGE = { code: 'document_too_large', message: 'the rules document exceeds 1 MiB', path: '' };

/** The engine's verdict on one file: { file, ok, campaigns } or { file, ok: false, errors }. */
async function check(engine, file) {
  let text;
  try {
    // Not read when its size alone says the engine refuses it (a byte order mark, 3 bytes, does not
    // count): a file of hundreds of MB took seconds and as much memory.
    const info = await stat(file);
    if (info.isFile() && info.size > (1 << 20) + 3) return { file, ok: false, errors: [TOO_LARGE] };
    text = withoutBom(await readFile(file, 'utf8'));
  } catch (error) {
    return { file, ok: false, errors: [{ code: 'unreadable', message: error.message, path: '' }] };
  }
  const syntax = engineJsonError(text);
  if (syntax) return { file, ok: false, errors: [{ code: 'invalid_json', message: syntax, path: '' }] };
  const res = engine.load(text);
  return res.ok ? { file, ok: true, campaigns: res.campaigns } : { file, ok: false, errors: res.errors };
}

/** One line per problem: "  /json/path: message [code]". */
export function errorLines(errors) {
  return errors.map((e) => `  ${e.path || '/'}: ${e.message} [${e.code}]`);
}

/** Runs the command; resolves with the exit code. */
export async function run(args, io) {
  const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (!positionals.length) throw usageError('name at least one rules file');
  const engine = await loadEngine();
  const results = [];
  for (const file of positionals) results.push(await check(engine, file));
  engine.destroy();
  for (const r of results) {
    if (values.json) io.stdout.write(`${JSON.stringify(r)}\n`);
    else if (r.ok) io.stdout.write(`${r.file}: valid, ${r.campaigns} campaign${r.campaigns === 1 ? '' : 's'}\n`);
    else {
      io.stdout.write(`${r.file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}\n`);
      io.stdout.write(`${errorLines(r.errors).join('\n')}\n`);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
