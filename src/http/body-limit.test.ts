import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { JSON_BODY_BYTES, pathOf } from './body-limit'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

/**
 * Sends a request's head declaring `declared` body bytes but only `sent` of them, on a raw socket, and
 * resolves with the status line the server answers. A server that waited for the body would never
 * answer (the test then fails on its timeout): an answer proves the body was refused unread.
 */
function answerWithoutBody(
  method: string,
  path: string,
  declared: number,
  headers: Record<string, string> = {},
) {
  const url = new URL(node.url)
  return new Promise<string>((resolve, reject) => {
    let got = ''
    Bun.connect({
      hostname: url.hostname,
      port: Number(url.port),
      socket: {
        open(socket) {
          const head = Object.entries({
            host: url.host,
            'content-type': 'application/json',
            'content-length': String(declared),
            ...headers,
          })
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')
          socket.write(`${method} ${path} HTTP/1.1\r\n${head}\r\n${'x'.repeat(1024)}`)
        },
        data(socket, data) {
          got += data.toString()
          if (got.includes('\r\n')) {
            resolve(got.slice(0, got.indexOf('\r\n')))
            socket.end()
          }
        },
        close: () => resolve(got),
        error: (_, err) => reject(err),
      },
    }).catch(reject)
  })
}

const KEY = { authorization: 'Bearer test-api-key-0123456789' }

describe('request bodies are refused before they are read', () => {
  test('an unauthenticated 10 MB POST is answered after 1 KB of it: over the global cap, unread', async () => {
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => answerWithoutBody('POST', '/api/v1/tokens/X', 10_000_000)),
    )
    expect(answers).toEqual(Array(4).fill('HTTP/1.1 413 Request Entity Too Large'))
  })

  test('an unauthenticated API POST under the global cap gets 401 before its body is read', async () => {
    expect(await answerWithoutBody('POST', '/api/v1/chargers/CP-1/commands', 200_000)).toBe(
      'HTTP/1.1 401 Unauthorized',
    )
  })

  test('an admin POST without a session is sent to sign in before its body is read', async () => {
    const origin = { origin: node.url }
    expect(await answerWithoutBody('POST', '/admin/chargers', 60_000, origin)).toBe('HTTP/1.1 303 See Other')
  })

  test('a cross-site admin POST is refused before its body is read', async () => {
    const evil = { origin: 'https://evil.example' }
    expect(await answerWithoutBody('POST', '/admin/chargers', 60_000, evil)).toBe('HTTP/1.1 403 Forbidden')
  })

  test('a driver departure for an unknown session is refused before its body is read', async () => {
    const origin = { origin: node.url }
    expect(await answerWithoutBody('POST', '/drive/s/no-such-session-token/departure', 8000, origin)).toBe(
      'HTTP/1.1 404 Not Found',
    )
  })

  test('an authenticated body larger than its route accepts gets 413 with a clear message, unread', async () => {
    expect(await answerWithoutBody('PUT', '/api/v1/tokens/X', JSON_BODY_BYTES + 1, KEY)).toBe(
      'HTTP/1.1 413 Payload Too Large',
    )
    const res = await node.app.handle(
      new Request('http://localhost/api/v1/tokens/BIG', {
        method: 'PUT',
        headers: { ...KEY, 'content-type': 'application/json', 'content-length': String(100_000) },
        body: JSON.stringify({ type: 'RFID', status: 'Accepted', label: 'x'.repeat(100_000 - 50) }),
      }),
    )
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      error: {
        code: 'BODY_TOO_LARGE',
        message: `the request body (100000 bytes) is larger than the ${JSON_BODY_BYTES} bytes this endpoint accepts`,
      },
    })
    expect(await node.deps.repos.tokens.find('BIG')).toBeUndefined()
  })

  test('a command may be as large as an OCPP frame; a sign-in form only a few KB', async () => {
    const data = 'x'.repeat(200_000)
    const body = JSON.stringify({ type: 'dataTransfer', vendorId: 'ACME', data })
    const res = await node.app.handle(
      new Request('http://localhost/api/v1/chargers/NOT-HERE/commands', {
        method: 'POST',
        headers: { ...KEY, 'content-type': 'application/json', 'content-length': String(body.length) },
        body,
      }),
    )
    expect(res.status).toBe(404)
    const signIn = await answerWithoutBody('POST', '/admin/login', 60_000, {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(signIn).toBe('HTTP/1.1 413 Payload Too Large')
  })
})

test.each([
  ['http://localhost/api/v1/tokens?x=1', '/api/v1/tokens'],
  ['http://localhost:8080/admin/login#top', '/admin/login'],
  ['http://localhost', '/'],
  ['https://[::1]:8443/drive/s/abc/departure', '/drive/s/abc/departure'],
])('the path of %p is %p', (url, path) => {
  expect(pathOf(url)).toBe(path)
})
