import type { KindHandle } from '@actors/runtime/system'
import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'
import type { SessionMsg } from './protocol'

const started = z.object({ chargerId: z.string(), transactionId: z.number().int() })
const connected = z.object({ chargerId: z.string(), nodeId: z.string() })

/** What the session director works with. */
export interface SessionDirectorDeps {
  bus: Bus
  transactions: Pick<TransactionsRepo, 'openOnNode' | 'openOf'>
  nodeId: string
  log: Logger
  /** True when this node holds the charger's connection. */
  holds(chargerId: string): boolean
}

/**
 * Keeps a session actor for every running session whose charger this node holds: one is started when
 * a charger connected here starts a transaction, or connects here with transactions open, and at boot
 * for the open transactions of the chargers this node held last (or no node holds). A session actor
 * stops itself at its end, or when its charger connects to another node (whose director starts it
 * there), so a session has one actor, where its charger is.
 */
export async function startSessions(
  deps: SessionDirectorDeps,
  kind: KindHandle<SessionMsg>,
): Promise<() => void> {
  const activate = (id: number) => void kind.get(String(id))
  const offStarted = deps.bus.subscribe(subjects.everyChargerEvent('transactionStarted'), (payload) => {
    const p = started.safeParse(payload)
    if (p.success && deps.holds(p.data.chargerId)) activate(p.data.transactionId)
  })
  const offConnected = deps.bus.subscribe(subjects.everyChargerEvent('connected'), (payload) => {
    const p = connected.safeParse(payload)
    if (!p.success || p.data.nodeId !== deps.nodeId) return
    deps.transactions.openOf(p.data.chargerId).then(
      (rows) => {
        for (const r of rows) activate(r.id)
      },
      (err: unknown) => deps.log.warn('sessions of a connected charger not started', { err }),
    )
  })
  for (const id of await deps.transactions.openOnNode(deps.nodeId)) activate(id)
  return () => {
    offStarted()
    offConnected()
  }
}
