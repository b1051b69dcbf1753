import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteFile } from './fetch-remote-file.js';
import { isPublicAddress } from './is-public-address.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/cat.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else if (request.url === '/big') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.alloc(2048));
    } else if (request.url === '/moved') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.20.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:808:808', true],
    ['not-an-ip', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('fetchRemoteFile', () => {
  it('refuses a loopback address, a name that resolves to one, and a scheme other than http(s)', async () => {
    await expect(fetchRemoteFile(new URL(`${base}/cat.png`))).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      fetchRemoteFile(new URL(`${base.replace('127.0.0.1', 'localhost')}/cat.png`)),
    ).rejects.toThrow(/resolves to a loopback/);
    await expect(fetchRemoteFile(new URL('file:///etc/passwd'))).rejects.toThrow(/only http\(s\)/);
    await expect(fetchRemoteFile(new URL('http://[::1]/x'))).rejects.toThrow(
      /loopback, private or link-local/,
    );
    await expect(fetchRemoteFile(new URL('http://[::ffff:127.0.0.1]/x'))).rejects.toThrow(
      /loopback, private or link-local/,
    );
  });

  it('fetches the bytes and media type within the limits, never following a redirect', async () => {
    const options = { allowPrivateAddresses: true };
    const file = await fetchRemoteFile(new URL(`${base}/cat.png`), options);
    expect(file.mediaType).toBe('image/png');
    expect([...file.data]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect(fetchRemoteFile(new URL(`${base}/big`), { ...options, maxBytes: 1024 })).rejects.toThrow(
      /more than the 1024/,
    );
    await expect(fetchRemoteFile(new URL(`${base}/moved`), options)).rejects.toThrow(
      /302 \(redirects are not followed\)/,
    );
    await expect(fetchRemoteFile(new URL(`${base}/missing`), options)).rejects.toThrow(/HTTP 404/);
  });
});
