import http from 'node:http';

/**
 * POSTs raw bytes to the browser preview with its origin and session token (overridable in `headers`),
 * written in the given pieces as a browser streams a body, and reads the answer: JSON when it parses,
 * the text otherwise.
 */
export function rawPost(
  preview: { origin: string; token: string },
  target: string,
  body: Buffer | Buffer[],
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${preview.origin}${target}`);
    const pieces = Array.isArray(body) ? body : [body];
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          origin: preview.origin,
          'x-launcher-token': preview.token,
          'content-length': pieces.reduce((n, p) => n + p.length, 0),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // a plain-text answer
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    for (const p of pieces) req.write(p);
    req.end();
  });
}
