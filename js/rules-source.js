// Where the rules document comes from: an object, JSON text, or a URL to fetch.

/** Whether an option holding a document or its URL (rules, context feed) holds the JSON text itself. */
export const isJsonText = (source) => String(source).trimStart().startsWith('{');

/**
 * Resolves `rules` to JSON text. Never rejects: a failure becomes { error }.
 * @returns {Promise<{ text: string } | { error: string }>}
 */
export async function readRules(rules, fetchImpl = globalThis.fetch) {
  if (rules === undefined || rules === null) return { error: 'no rules were given' };
  if (typeof rules === 'object') {
    try {
      return { text: JSON.stringify(rules) };
    } catch (e) {
      return { error: `the rules object cannot be serialized: ${e.message}` };
    }
  }
  const source = String(rules);
  if (isJsonText(source)) return { text: source };
  if (typeof fetchImpl !== 'function') return { error: `cannot fetch ${source}: no fetch() here` };
  try {
    const response = await fetchImpl(source, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return { error: `fetching ${source} failed: HTTP ${response.status}` };
    return { text: await response.text() };
  } catch (e) {
    return { error: `fetching ${source} failed: ${e && e.message}` };
  }
}
