// What is wrong with text that should be JSON, with the line and column when the parser says where.

/** null when `text` parses; otherwise what JSON.parse said, on one line, with "line L, column C" when known. */
export function jsonSyntaxError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error.message.replace(/\n/g, '\\n');
    const at = /position (\d+)/.exec(message);
    if (!at) return message;
    const before = text.slice(0, Number(at[1])).split('\n');
    return `line ${before.length}, column ${before[before.length - 1].length + 1}: ${message}`;
  }
}
