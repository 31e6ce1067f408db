// Small helpers of the demo backend's JSON endpoints.

/** Sends `body` as JSON with `status` and any extra headers. */
export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Thrown by readJson; carries the HTTP status and the reason to send back. */
export class HttpError extends Error {
  constructor(status, reason) {
    super(reason);
    this.status = status;
  }
}

/**
 * Reads a request body of at most `limit` bytes and parses it as JSON (whatever the Content-Type:
 * beacons and CORS-simple requests send text/plain). Rejects with an HttpError (413 or 400).
 */
export async function readJson(req, limit) {
  if (Number(req.headers['content-length']) > limit) throw new HttpError(413, `the body exceeds ${limit} bytes`);
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `the body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

/** Wraps a route handler so that an HttpError it throws becomes its JSON answer. */
export function jsonRoute(handler) {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendJson(res, error.status, { error: error.message }, { Connection: 'close' });
    }
  };
}
