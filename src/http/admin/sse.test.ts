import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { chargerIdOf, subjects } from '@src/bus/subjects'
import { FakeClock } from '@src/lib/fake-clock'
import { createLogger } from '@src/lib/log'
import { LiveFeed } from './live-feed'
import {
  type LiveEvent,
  type LiveStreamOptions,
  liveStream,
  MAX_UNREAD_BYTES,
  SlowReaderError,
  sseEvent,
} from './sse'

const KEEPALIVE_MS = 15_000

/** A stream over a fake clock and a local bus, with its text collected as a page would receive it. */
function setup(
  render: (keys: ReadonlySet<string>) => Promise<readonly LiveEvent[]>,
  {
    select = (key, mark) => mark(key),
    reads = true,
  }: { select?: LiveStreamOptions['select']; reads?: boolean } = {},
) {
  const clock = new FakeClock()
  const lines: string[] = []
  const log = createLogger({ level: 'warn', sink: (_, line) => lines.push(line) })
  const bus = new LocalBus({ clock, log })
  const feed = new LiveFeed({
    bus,
    clock,
    capacity: 16,
    lingerMs: 60_000,
    sources: [{ pattern: subjects.allChargerEvents, keyOf: (s) => chargerIdOf(s) || undefined }],
  })
  const res = liveStream({
    clock,
    log,
    intervalMs: 1000,
    keepaliveMs: KEEPALIVE_MS,
    feed,
    lastEventId: undefined,
    select,
    everything: () => [],
    render,
  })
  const out = { text: '', error: undefined as unknown }
  const reader = res.body!.getReader()
  const read = async () => {
    const decoder = new TextDecoder()
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) out.text += decoder.decode(r.value)
    } catch (error) {
      out.error = error
    }
  }
  if (reads) void read()
  const change = async (id: string) => {
    bus.publish(subjects.chargerEvent(id, 'statusChanged'), {})
    await clock.advance(0)
  }
  return { clock, out, lines, change, read }
}

/** The `id:` values of the text so far, in order. */
const ids = (text: string) => [...text.matchAll(/^id: (.*)$/gm)].map((m) => m[1]!)

describe('liveStream', () => {
  test('a quiet stream gets a keepalive every keepaliveMs, and its id is moved up to what it has seen', async () => {
    const { clock, out, change } = setup(async () => [], { select: () => {} })
    await clock.advance(0)
    const [first] = ids(out.text)
    await clock.advance(KEEPALIVE_MS - 1)
    expect(out.text).not.toContain('keepalive')
    await change('CP-1') // a charger this page shows no part of
    await clock.advance(1)
    expect(out.text.match(/: keepalive/g)?.length).toBe(1)
    expect(ids(out.text)).toEqual([first!, first!.replace(/-0$/, '-1')])
    await clock.advance(KEEPALIVE_MS)
    expect(out.text.match(/: keepalive/g)?.length).toBe(2)
  })

  test('a render slower than the interval is never overtaken by the next one', async () => {
    const gates: Array<() => void> = []
    const order: string[] = []
    const { clock, out, change } = setup(async (keys) => {
      const names = [...keys].join(',')
      await new Promise<void>((resolve) => gates.push(resolve))
      order.push(names)
      return [{ event: 'row', data: names }]
    })
    await clock.advance(0) // the opening render: nothing to show yet
    await change('CP-1')
    await clock.advance(1000) // first render starts and waits
    await change('CP-2')
    await clock.advance(1000) // second is due, but waits for the first
    expect(gates.length).toBe(1)
    gates[0]!()
    await clock.advance(0)
    gates[1]!()
    await clock.advance(0)
    expect(order).toEqual(['CP-1', 'CP-2'])
    const seqs = ids(out.text).map((id) => Number(id.slice(id.lastIndexOf('-') + 1)))
    expect(seqs).toEqual([0, 1, 2])
  })

  test('a render that fails ends the stream with one warning, so the page reconnects and catches up', async () => {
    const { clock, out, lines, change } = setup(async () => {
      throw new Error('database is locked')
    })
    await change('CP-1')
    await clock.advance(1000)
    expect(out.error).toBeInstanceOf(Error)
    expect(lines.map((l) => JSON.parse(l).error)).toEqual(['database is locked'])
  })

  test('a page that stops reading is dropped once a megabyte waits for it, instead of buffering on', async () => {
    const big = 'x'.repeat(MAX_UNREAD_BYTES / 2)
    const { clock, out, lines, change, read } = setup(async () => [{ event: 'live', data: big }], {
      reads: false,
    })
    await change('CP-1')
    await clock.advance(1000)
    expect(lines).toEqual([])
    await change('CP-1')
    await clock.advance(1000)
    await read()
    expect(out.error).toBeInstanceOf(SlowReaderError)
    expect(lines.map((l) => JSON.parse(l).error)).toEqual([new SlowReaderError().message])
  })

  test('data of several lines, whatever their line ends, becomes one data field per line', () => {
    expect(sseEvent({ event: 'live', data: 'a\nb\r\nc\rd' }, 'E-1')).toBe(
      'id: E-1\nevent: live\ndata: a\ndata: b\ndata: c\ndata: d\n\n',
    )
  })
})
