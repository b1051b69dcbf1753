// The bench's floor for a Node proxy: a bare pass-through on node:http and undici (what every Node gateway
// is built on), with nothing a gateway adds: no auth, no routing, no usage, no limits. It forwards the
// method, path and headers (the mock's `x-mock-fault` pacing included), streams the answer back chunk by
// chunk, and aborts the upstream request when the client goes away, so every phase of the bench can run
// through it. Its numbers say how much of a row is Node's and how much is the gateway's own.
//
//   node bench/proxy/node-floor.mjs PORT UPSTREAM_ORIGIN    (started by processes.mjs, pinned like the rest)
import { createServer } from 'node:http';
import { Agent } from 'undici';

const [port, upstream] = process.argv.slice(2);
const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    dispatcher
      .request({
        origin: upstream,
        path: req.url,
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        signal: abort.signal,
      })
      .then(async (answer) => {
        const out = {};
        for (const [name, value] of Object.entries(answer.headers))
          if (!HOP_BY_HOP.has(name)) out[name] = value;
        res.writeHead(answer.statusCode, out);
        for await (const chunk of answer.body) res.write(chunk);
        res.end();
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
  });
}).listen(Number(port), '127.0.0.1', () => process.send?.({ type: 'ready' }));
