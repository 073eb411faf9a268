import type { Deps } from '@src/deps'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { dec } from '@src/domain/tariffs/decimal'
import type { TimerHandle } from '@src/lib/clock'
import type { DriverIdentity } from '@src/services/driver-accounts'
import { NEW_SESSION_EVENT, SIGNED_OUT_EVENT, SignedOutNotice } from '@views/driver/me-pages'
import type { Messages } from '@views/driver/messages'
import { LiveFigures, sessionEvent } from '@views/driver/session'
import { Elysia } from 'elysia'
import { EVENT_STREAM, type LiveEvent, MAX_UNREAD_BYTES, SlowReaderError, sseEvent } from '../admin/sse'
import { CardUpdates } from './card-updates'
import { driverSecretOf, messagesOf } from './driver-cookies'
import { moneyText } from './driver-data'

/** A live session's cost as the driver reads it: {@link moneyText}'s rounding of the exact decimal text. */
function costText(view: LiveSession): string | null {
  const c = view.cost
  if (!c) return null
  return moneyText(
    { exclVat: dec(c.exclVat), inclVat: c.inclVat === null ? null : dec(c.inclVat) },
    c.currency,
  )
}

/** One session's figures as the event that replaces them on `/me`. */
async function figuresEvent(view: LiveSession, m: Messages): Promise<LiveEvent> {
  const data = await LiveFigures({
    transactionId: view.transactionId,
    at: view.at,
    energyWh: view.energyWh,
    powerW: view.powerW,
    cost: costText(view),
    running: view.state === 'running',
    m,
  })
  return { event: sessionEvent(view.transactionId), data }
}

/** What one driver's stream works with. */
interface StreamDeps {
  deps: Deps
  updates: CardUpdates
  me: DriverIdentity
  cards: readonly string[]
  /** The driver session's secret (its cookie): checked with every keepalive. */
  secret: string | undefined
  m: Messages
}

/**
 * `/me/live`: the driver's running sessions as server-sent events for the "now" tab, from
 * `session.updated` (energy, power, cost, when). The stream carries only the sessions of the
 * signed-in driver's own cards (what the page shows), opens with their current state (so a page that
 * reconnects is up to date at once), tells the page when one of them starts, and ends, after
 * telling the page, once the driver's session is no longer live (signed out here or everywhere, or
 * expired; checked with every keepalive). Without a live session it answers 401, which an
 * EventSource does not retry.
 */
export function meLiveController(deps: Deps) {
  const { driverSignIn, driverAccounts } = deps.services
  const updates = new CardUpdates(deps.bus)
  return new Elysia({ name: 'driver-me-live' }).get('/me/live', async ({ request }) => {
    const secret = driverSecretOf(request)
    const email = await driverSignIn.emailOf(secret)
    const me = email ? await driverAccounts.identity(email) : undefined
    if (!me) return new Response('sign in again', { status: 401 })
    const cards = (await driverAccounts.tokens(me)).map((t) => t.uid)
    const encoder = new TextEncoder()
    let stream: DriverStream | undefined
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          stream = new DriverStream(
            { deps, updates, me, cards, secret, m: messagesOf(request) },
            {
              write: (text) => {
                controller.enqueue(encoder.encode(text))
                return (controller.desiredSize ?? 0) >= 0
              },
              end: () => controller.close(),
              fail: (error) => controller.error(error),
            },
          )
          stream.open()
        },
        cancel: () => stream?.close(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: MAX_UNREAD_BYTES }),
    )
    return new Response(body, {
      headers: { 'content-type': EVENT_STREAM, 'cache-control': 'no-cache', connection: 'keep-alive' },
    })
  })
}

/** One open driver stream: its watch on the cards, the keepalive, and what each session last showed. */
class DriverStream {
  /** The time of the latest view sent per session: an older one arriving late is not shown. */
  readonly #shown = new Map<number, number>()
  #unwatch: (() => void) | undefined
  #keepalive: TimerHandle | undefined
  /** The current state was sent: a session heard of after this one is new to the page. */
  #opened = false
  #closed = false

  constructor(
    private readonly s: StreamDeps,
    /** `write` says false once the page has too much unread. */
    private readonly out: {
      write: (text: string) => boolean
      end: () => void
      fail: (error: unknown) => void
    },
  ) {}

  /** Greets the page, starts hearing its sessions, then sends their current state. */
  open(): void {
    const { deps, updates, cards, me } = this.s
    this.#write(': connected\n\n')
    this.#unwatch = updates.watch(cards, (view) => void this.#send(view).catch(this.#fail))
    this.#schedule()
    const current = async () => {
      const running = (await deps.services.driverAccounts.sessions(me)).filter((x) => x.tx.endedAt === null)
      const views = await Promise.all(running.map((x) => deps.services.liveSessions.of(x.tx)))
      for (const view of views) await this.#send(view)
      this.#opened = true
    }
    current().catch(this.#fail)
  }

  /** Stops hearing and the keepalive; the page's EventSource reconnects if it still wants the stream. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#unwatch?.()
    if (this.#keepalive !== undefined) this.s.deps.clock.clearTimeout(this.#keepalive)
  }

  async #send(view: LiveSession): Promise<void> {
    const last = this.#shown.get(view.transactionId)
    if (last !== undefined && last > view.at) return
    const isNew = last === undefined && this.#opened
    this.#shown.set(view.transactionId, view.at)
    const event = isNew
      ? { event: NEW_SESSION_EVENT, data: String(view.transactionId) }
      : await figuresEvent(view, this.s.m)
    this.#write(sseEvent(event, String(view.at)))
  }

  #schedule(): void {
    if (this.#closed) return
    const tick = () => void this.#ping().catch(this.#fail)
    this.#keepalive = this.s.deps.clock.setTimeout(tick, this.s.deps.config.sseKeepaliveS * 1000)
  }

  /** The keepalive; a driver session no longer live ends the stream, after telling the page. */
  async #ping(): Promise<void> {
    if (!(await this.s.deps.services.driverSignIn.emailOf(this.s.secret))) {
      this.#write(sseEvent({ event: SIGNED_OUT_EVENT, data: await SignedOutNotice({ m: this.s.m }) }, 'end'))
      this.close()
      this.out.end()
      return
    }
    this.#write(': keepalive\n\n')
    this.#schedule()
  }

  #write(text: string): void {
    if (!this.#closed && !this.out.write(text)) this.#fail(new SlowReaderError())
  }

  readonly #fail = (error: unknown): void => {
    if (this.#closed) return
    this.s.deps.log.warn('driver live stream ended by an error; the page reconnects', {
      error: error instanceof Error ? error.message : String(error),
    })
    this.close()
    this.out.fail(error)
  }
}
