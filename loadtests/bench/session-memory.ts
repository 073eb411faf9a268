/**
 * `npm run bench:session-memory [-- --sessions 20000 --runs 3 --quick]`: the heap a running session
 * costs. Starts `sessions` session actors on one node (the real `sessionActor` on the ActorSystem and
 * the LocalBus, with in-memory repositories: one transaction per charger under a 2.40 SEK/kWh tariff,
 * two register samples each, priced by the real `SessionCosts`, a 2.0.1 display that takes
 * CostUpdated), gives each a meter sample so that its view, power and display state are set, and
 * measures the heap after a full GC against a baseline taken in the same run before the first actor
 * (repositories and rows already built). Reports the median over `runs` of the heap per session, and
 * its extrapolation to 60,000 sessions.
 */
import { heapStats } from 'bun:jsc'
import { ActorSystem } from '@actors/runtime/system'
import type { SessionDeps } from '@actors/session/deps'
import type { SessionMsg } from '@actors/session/protocol'
import { sessionActor } from '@actors/session/session-actor'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { DeviceVariableRow } from '@src/db/repos/device'
import type { TariffVersionRow } from '@src/db/repos/tariffs'
import type { StoredSample, TransactionRow } from '@src/db/repos/transactions'
import { DEFAULT_ROUNDING } from '@src/domain/tariffs/rounding'
import { systemClock } from '@src/lib/clock'
import { silentLogger } from '@src/lib/log'
import { SessionCosts } from '@src/services/session-costs'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'session-memory'
const { out, num } = benchArgs(BENCH, { sessions: { type: 'string' }, runs: { type: 'string' } })
const sessions = num('sessions', 20_000, 1_000)
const runs = num('runs', 3, 1)
const T0 = Date.parse('2026-12-04T08:00:00Z')

const version: TariffVersionRow = {
  tariffId: 'home',
  version: 1,
  body: {
    country_code: 'SE',
    party_id: 'CSM',
    id: 'home',
    currency: 'SEK',
    last_updated: '2026-12-01T00:00:00Z',
    elements: [{ price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }] }],
  },
  rounding: DEFAULT_ROUNDING,
  createdAt: T0,
  createdBy: 'bench',
}

function transaction(id: number): TransactionRow {
  return {
    id,
    organizationId: 'org',
    chargerId: `CP-${id}`,
    evseId: 1,
    idTag: `TAG-${id}`,
    startedAt: T0,
    endedAt: null,
    energyWh: null,
    meterStartWh: 0,
    lastMeterWh: 2000,
    departureAt: null,
    tariffId: 'home',
    tariffVersion: 1,
    chargingState: 'Charging',
  } as TransactionRow
}

const register = (at: number, wh: number): StoredSample => ({
  sampledAt: at,
  measurand: 'Energy.Active.Import.Register',
  phase: null,
  unit: 'Wh',
  context: 'Sample.Periodic',
  location: 'Outlet',
  value: wh,
  raw: String(wh),
})

const displayKeys = [
  { component: 'TariffCostCtrlr', variable: 'Enabled', variableInstance: 'Cost', value: 'true' },
] as DeviceVariableRow[]

/** Heap bytes after a full collection. */
function heap(): number {
  Bun.gc(true)
  Bun.gc(true)
  return heapStats().heapSize
}

async function settle(system: ActorSystem, n: number) {
  for (let i = 0; i < 50; i++) {
    await Bun.sleep(20)
    if (system.stats.activations >= n) break
  }
  await Bun.sleep(200)
}

/** One run: the heap per running session, in bytes. */
async function run(): Promise<number> {
  const rows = new Map<number, TransactionRow>()
  const samples = new Map<number, StoredSample[]>()
  for (let id = 1; id <= sessions; id++) {
    rows.set(id, transaction(id))
    samples.set(id, [register(T0, 0), register(T0 + 600_000, 2000)])
  }
  const bus = new LocalBus({ clock: systemClock, log: silentLogger })
  const system = new ActorSystem({ clock: systemClock, log: silentLogger, bus })
  const costs = new SessionCosts({
    transactions: {
      registerSamplesOf: async (id) => samples.get(id) ?? [],
      chargingStatesOf: async () => [],
    },
    tariffs: { version: async () => version },
    facts: { placesOf: async () => undefined },
    priceSeries: { spotSlots: async () => [] },
  })
  const deps: SessionDeps = {
    clock: systemClock,
    bus,
    transactions: { find: async (id) => rows.get(id) },
    costs,
    cdrs: { write: async () => undefined },
    tariffs: { version: async () => version },
    chargers: { find: async () => ({ protocol: 'ocpp2.0.1' }) as never },
    device: { variables: async () => displayKeys },
    nodeId: 'bench',
    command: async () => ({ status: 'Accepted' }),
    publishEveryMs: 5_000,
    displayEveryMs: 60_000,
    receiptUrl: 'https://csms.example.com/me',
  }
  const kind = system.register<SessionMsg>({
    name: 'session',
    factory: (id) => sessionActor(Number(id), deps),
    mailbox: { capacity: 256, overflow: 'dropOldest' },
    supervision: { maxRestarts: 5, withinMs: 60_000 },
  })
  const before = heap()
  for (let id = 1; id <= sessions; id++) kind.get(String(id))
  await settle(system, sessions)
  for (let id = 1; id <= sessions; id++)
    bus.publish(subjects.chargerEvent(`CP-${id}`, 'meterSampled'), {
      type: 'charger.meterSampled',
      chargerId: `CP-${id}`,
      evseId: 1,
      transactionId: id,
      energyWh: 2000,
      readings: { powerW: 11_000 },
      at: T0 + 600_000,
    })
  await settle(system, sessions)
  const after = heap()
  if (kind.size !== sessions) throw new Error(`${kind.size} of ${sessions} session actors alive`)
  await system.shutdown()
  return (after - before) / sessions
}

const perSession: number[] = []
for (let r = 0; r < runs; r++) {
  perSession.push(await run())
  progress(`run ${r + 1}/${runs}: ${round(perSession.at(-1)! / 1024, 2)} KB per session`)
}
const bytes = median(perSession)
const row = rowMaker(BENCH, { sessions, runs })
report(
  `Session actor heap (${sessions} running sessions, median of ${runs})`,
  out,
  [
    row('heap_per_session', round(bytes / 1024, 2), 'KB'),
    row('heap_for_60000_sessions', round((bytes * 60_000) / 1024 / 1024, 0), 'MB'),
  ],
  [
    'heap after a full GC, less the baseline taken before the first actor in the same run',
    'actor cell, mailbox, bus subscription, live view and display state included',
  ],
)
