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
  return { clock, sent, calls, stray, rpc }
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
    const { rpc, sent } = setup()
    const first = rpc.call('Reset', { type: 'Soft' })
    const second = rpc.call('ClearCache', {})
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
    const { rpc, sent, clock, stray } = setup()
    const first = rpc.call('Reset', { type: 'Soft' })
    const second = rpc.call('ClearCache', {})
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
    const { rpc } = setup()
    const calls = [rpc.call('A', {}), rpc.call('B', {}), rpc.call('C', {}), rpc.call('D', {})]
    expect(await calls[3]).toEqual({ kind: 'busy' })
    rpc.close()
    expect(await Promise.all(calls.slice(0, 3))).toEqual([
      { kind: 'closed' },
      { kind: 'closed' },
      { kind: 'closed' },
    ])
    expect(await rpc.call('E', {})).toEqual({ kind: 'closed' })
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
