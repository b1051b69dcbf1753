import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyAbortedError, readWholeBody, type WholeBody } from './read-whole-body.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback server whose handler reads each body whole; resolves with its port and the outcomes. */
async function listen(): Promise<{ port: number; outcomes: Promise<WholeBody | Error>[] }> {
  const outcomes: Promise<WholeBody | Error>[] = [];
  server = createServer((req, res) => {
    const outcome = readWholeBody(req, Number(req.headers['content-length'])).catch((error: Error) => error);
    outcomes.push(outcome);
    void outcome.then(() => res.end('ok'));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, outcomes };
}

describe('readWholeBody', () => {
  it('reads a body sent in pieces, byte for byte', async () => {
    const { port, outcomes } = await listen();
    const text = `{"model":"gpt-4o","input":"${'é'.repeat(5_000)}"}`;
    const bytes = Buffer.from(text);
    const req = httpRequest({ port, method: 'POST', headers: { 'content-length': bytes.length } });
    req.write(bytes.subarray(0, 100));
    await new Promise((resolve) => setTimeout(resolve, 20));
    req.end(bytes.subarray(100));
    await new Promise((resolve) => req.once('response', resolve));
    const body = (await outcomes[0]) as WholeBody;
    expect(body.bytes.equals(bytes)).toBe(true);
    expect(body.head()).toBe(text);
    await expect(body.waitForHead(() => false)).resolves.toBe(text);
  });

  it('rejects when the client leaves before the declared length arrived', async () => {
    const { port, outcomes } = await listen();
    const req = httpRequest({ port, method: 'POST', headers: { 'content-length': 1_000 } });
    req.on('error', () => {});
    req.write('{"model":');
    await new Promise((resolve) => setTimeout(resolve, 30));
    req.destroy();
    await expect.poll(() => outcomes.length).toBe(1);
    expect(await outcomes[0]).toBeInstanceOf(BodyAbortedError);
  });
});
