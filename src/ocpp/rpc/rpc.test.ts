import { describe, expect, test } from 'bun:test'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { z } from 'zod'
import { type CallAnswer, RpcConnection } from './connection'
import { RpcError, wireCode16, wireCode201 } from './errors'
import { validationFailure } from './validation'

function setup(opts: { wire?: typeof wireCode16; answer?: (action: string) => Promise<CallAnswer> } = {}) {
  const clock = new FakeClock()
  const sent: unknown[] = []
  const calls: string[] = []
  const stray: unknown[] = []
  const transport = { send: (t: string) => sent.push(JSON.parse(t)), close: () => undefined }
  const handler = {
    onCall: async (action: string): Promise<CallAnswer> => {
      calls.push(action)
      return opts.answer ? opts.answer(action) : { ok: true, payload: { echo: action } }
    },
  }
  const rpc = new RpcConnection(transport, handler, {
    clock,
    wireCode: opts.wire ?? wireCode16,
    callTimeoutMs: 1000,
    maxQueued: 2,
    onStray: (f) => stray.push(f),
  })
  /** A deadline far enough away not to matter. */
  const far = () => clock.now() + 60_000
  return { clock, sent, calls, stray, rpc, far }
}

describe('malformed frames get the spec CALLERROR and nothing else happens', () => {
  const cases: [string, string, string, string][] = [
    ['invalid JSON', '[2, "a", "Heartbeat", {', 'FormationViolation', 'RpcFrameworkError'],
    ['not an array', '{"hello": 1}', 'FormationViolation', 'RpcFrameworkError'],
    ['message id not a string', '[2, 17, "Heartbeat", {}]', 'FormationViolation', 'RpcFrameworkError'],
    [
      'message id too long',
      `[2, "${'x'.repeat(37)}", "Heartbeat", {}]`,
      'FormationViolation',
      'RpcFrameworkError',
    ],
  ]
  for (const [name, frame, code16, code201] of cases) {
    test(`${name}: answered with id "-1" (${code16} / ${code201})`, async () => {
      for (const [wire, code] of [
        [wireCode16, code16],
        [wireCode201, code201],
      ] as const) {
        const { rpc, sent, calls } = setup({ wire })
        rpc.receive(frame)
        await flushMicrotasks()
        expect(sent).toEqual([[4, '-1', code, expect.any(String), {}]])
        expect(calls).toEqual([])
      }
    })
  }

  test('wrong CALL shape keeps the readable id', async () => {
    const { rpc, sent } = setup()
    rpc.receive('[2, "m1", "Heartbeat"]')
    rpc.receive('[2, "m2", "Heartbeat", []]')
    rpc.receive('[2, "m3", 5, {}]')
    expect(sent.map((f) => (f as unknown[]).slice(0, 3))).toEqual([
      [4, 'm1', 'FormationViolation'],
      [4, 'm2', 'FormationViolation'],
      [4, 'm3', 'FormationViolation'],
    ])
  })

  test('an unknown message type is a ProtocolError in 1.6 and MessageTypeNotSupported in 2.0.1', () => {
    const a = setup({ wire: wireCode16 })
    a.rpc.receive('[7, "m1", "Heartbeat", {}]')
    const b = setup({ wire: wireCode201 })
    b.rpc.receive('[7, "m1", "Heartbeat", {}]')
    expect((a.sent[0] as unknown[])[2]).toBe('ProtocolError')
    expect((b.sent[0] as unknown[])[2]).toBe('MessageTypeNotSupported')
  })
})

describe('charger → CSMS calls', () => {
  test('a call is answered with a CALLRESULT of the same id', async () => {
    const { rpc, sent } = setup()
    rpc.receive('[2, "abc", "Heartbeat", {}]')
    await flushMicrotasks()
    expect(sent).toEqual([[3, 'abc', { echo: 'Heartbeat' }]])
  })

  test('a handler failure becomes InternalError', async () => {
    const { rpc, sent } = setup({ answer: () => Promise.reject(new Error('db down')) })
    rpc.receive('[2, "abc", "Heartbeat", {}]')
    await flushMicrotasks()
    expect(sent).toEqual([[4, 'abc', 'InternalError', 'db down', {}]])
  })

  test('a retransmitted call (same id, same bytes) replays the reply without handling it again', async () => {
    const { rpc, sent, calls } = setup()
    rpc.receive('[2, "abc", "StartTransaction", {"n": 1}]')
    rpc.receive('[2, "abc", "StartTransaction", {"n": 1}]')
    await flushMicrotasks()
    expect(calls).toEqual(['StartTransaction'])
    expect(sent).toEqual([
      [3, 'abc', { echo: 'StartTransaction' }],
      [3, 'abc', { echo: 'StartTransaction' }],
    ])
  })

  test('an id reused for a different message is a ProtocolError and is not handled', async () => {
    const { rpc, sent, calls } = setup()
    rpc.receive('[2, "abc", "Heartbeat", {}]')
    rpc.receive('[2, "abc", "StopTransaction", {"transactionId": 1}]')
    await flushMicrotasks()
    expect(calls).toEqual(['Heartbeat'])
    expect(sent).toContainEqual([4, 'abc', 'ProtocolError', expect.any(String), {}])
  })
})

describe('CSMS → charger calls', () => {
  test('only one call is outstanding; the next is sent when the first is answered', async () => {
    const { rpc, sent, far } = setup()
    const first = rpc.call('Reset', { type: 'Soft' }, far())
    const second = rpc.call('ClearCache', {}, far())
    expect(sent).toHaveLength(1)
    const [, id1] = sent[0] as [number, string]
    rpc.receive(JSON.stringify([3, id1, { status: 'Accepted' }]))
    expect(await first).toEqual({ kind: 'result', payload: { status: 'Accepted' } })
    expect(sent).toHaveLength(2)
    const [, id2, action2] = sent[1] as [number, string, string]
    expect(action2).toBe('ClearCache')
    rpc.receive(JSON.stringify([4, id2, 'NotSupported', 'no', {}]))
    expect(await second).toEqual({ kind: 'error', code: 'NotSupported', description: 'no', details: {} })
  })

  test('an unanswered call times out, the queue moves on, and a late answer is ignored', async () => {
    const { rpc, sent, clock, stray, far } = setup()
    const first = rpc.call('Reset', { type: 'Soft' }, far())
    const second = rpc.call('ClearCache', {}, far())
    await clock.advance(1000)
    expect(await first).toEqual({ kind: 'timeout' })
    expect(sent).toHaveLength(2)
    const [, id1] = sent[0] as [number, string]
    rpc.receive(JSON.stringify([3, id1, {}]))
    expect(stray).toHaveLength(1)
    const [, id2] = sent[1] as [number, string]
    rpc.receive(JSON.stringify([3, id2, { status: 'Accepted' }]))
    expect(await second).toEqual({ kind: 'result', payload: { status: 'Accepted' } })
  })

  test('a full queue answers busy at once; closing answers closed to everything waiting', async () => {
    const { rpc, far } = setup()
    const calls = ['A', 'B', 'C', 'D'].map((action) => rpc.call(action, {}, far()))
    expect(await calls[3]).toEqual({ kind: 'busy' })
    rpc.close()
    expect(await Promise.all(calls.slice(0, 3))).toEqual([
      { kind: 'closed' },
      { kind: 'closed' },
      { kind: 'closed' },
    ])
    expect(await rpc.call('E', {}, far())).toEqual({ kind: 'closed' })
  })

  test('a call queued behind a slow one whose caller gives up is never sent, even once the slow one is answered', async () => {
    const { rpc, sent, clock, far } = setup()
    const slow = rpc.call('GetDiagnostics', { location: 'ftp://x' }, far())
    const queued = rpc.call('Reset', { type: 'Hard' }, clock.now() + 400)
    await clock.advance(400)
    expect(await queued).toEqual({ kind: 'timeout' })
    expect(rpc.queued).toBe(0)
    await clock.advance(500)
    const [, id] = sent[0] as [number, string]
    rpc.receive(JSON.stringify([3, id, { fileName: 'diag.zip' }]))
    expect(await slow).toEqual({ kind: 'result', payload: { fileName: 'diag.zip' } })
    await clock.advance(5000)
    expect(sent.map((f) => (f as unknown[])[2])).toEqual(['GetDiagnostics'])
  })

  test('calls queued behind one that times out are dropped when their callers have given up by then', async () => {
    const { rpc, sent, clock } = setup()
    const deadline = clock.now() + 1000
    const calls = ['A', 'B', 'C'].map((action) => rpc.call(action, {}, deadline))
    await clock.advance(1000)
    expect(await Promise.all(calls)).toEqual([{ kind: 'timeout' }, { kind: 'timeout' }, { kind: 'timeout' }])
    expect(sent.map((f) => (f as unknown[])[2])).toEqual(['A'])
  })

  test("a sent call times out at its caller's deadline when that comes before the call timeout", async () => {
    const { rpc, sent, clock, far } = setup()
    const first = rpc.call('A', {}, far())
    const second = rpc.call('B', {}, clock.now() + 1500)
    await clock.advance(800)
    rpc.receive(JSON.stringify([3, (sent[0] as [number, string])[1], {}]))
    expect(await first).toEqual({ kind: 'result', payload: {} })
    expect(sent).toHaveLength(2)
    let settled = false
    void second.then(() => {
      settled = true
    })
    await clock.advance(699)
    expect(settled).toBe(false)
    await clock.advance(1)
    expect(await second).toEqual({ kind: 'timeout' })
  })

  test('a call whose deadline has already passed is not sent', async () => {
    const { rpc, sent, clock } = setup()
    expect(await rpc.call('Reset', { type: 'Soft' }, clock.now())).toEqual({ kind: 'timeout' })
    expect(sent).toEqual([])
  })
})

describe('schema errors map to the spec error codes', () => {
  const schema = z.strictObject({
    connectorId: z.number().int(),
    status: z.enum(['Available', 'Faulted']),
    info: z.string().max(5).optional(),
    values: z.array(z.number()).min(1).optional(),
  })
  const cases: [string, unknown, string][] = [
    ['missing required field', { status: 'Available' }, RpcError.OccurrenceConstraintViolation],
    ['wrong JSON type', { connectorId: 'one', status: 'Available' }, RpcError.TypeConstraintViolation],
    ['value outside the enum', { connectorId: 1, status: 'Sleeping' }, RpcError.PropertyConstraintViolation],
    [
      'string too long',
      { connectorId: 1, status: 'Available', info: 'toolong' },
      RpcError.PropertyConstraintViolation,
    ],
    [
      'empty array under minItems',
      { connectorId: 1, status: 'Available', values: [] },
      RpcError.OccurrenceConstraintViolation,
    ],
    ['unknown property', { connectorId: 1, status: 'Available', extra: 1 }, RpcError.FormatViolation],
  ]
  for (const [name, payload, code] of cases) {
    test(`${name} → ${code}`, () => {
      const result = schema.safeParse(payload)
      expect(result.success).toBe(false)
      if (!result.success) expect(validationFailure(result.error, payload).code).toBe(code as never)
    })
  }
})
