import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { type LocalListRow, type LocalListsRepo, NO_LIST } from '@src/db/repos/local-lists'
import type { DbWriter } from '@src/db/writer'
import type { PolicyBook } from '@src/domain/access/evaluate'
import { hashList } from '@src/domain/access/list-diff'
import { type HeldList, type ListMessage, planUpdate } from '@src/domain/access/list-plan'
import {
  type CompiledLocalList,
  compileLocalList,
  type LocalListInput,
  listShape,
} from '@src/domain/access/local-list'
import { type OfflineProtocol, rulesNeedList } from '@src/domain/access/offline-settings'
import { type ChargerCommand, type CommandOutcome, outcome } from '@src/domain/charger/commands'
import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'
import type { AccessChanges } from './access-changes'
import { type AccessDirectory, type ListInputMemo, listInputMemo } from './access-directory'
import {
  acceptsUnknown,
  type KnownCharger,
  learnCharger,
  settleOfflineSettings,
} from './charger-offline-settings'
import { type Pace, SendPacer } from './send-pacer'

/** How the service paces itself (`CSMS_LOCAL_LIST_*` in `src/config.ts`). */
export interface LocalListSettings extends Pace {
  /** Changes in one organization within this window are one recompile. */
  debounceMs: number
  /** How often due lists (a window opening or closing, an owed update, a retry) are looked for. */
  sweepMs: number
}

/** What the service needs: the node's adapters, the access directory and a way to reach a charger. */
export interface LocalListsDeps {
  clock: Clock
  bus: Bus
  log: Logger
  writer: DbWriter
  nodeId: string
  lists: LocalListsRepo
  access: AccessDirectory
  changes: AccessChanges
  /** Sends a command to a charger (`sendChargerCommand` with the node's request budget). */
  send: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
  settings: LocalListSettings
}

/**
 * What a run does: `list` brings the list up to date; `change` also re-applies the offline settings
 * (the rules changed) and clears the cache; `connect` also reads the charger's settings, limits and
 * list version first; `full` is `connect` with a Full list whatever the charger holds.
 */
export type ListJob = 'list' | 'change' | 'connect' | 'full'
const weight: Record<ListJob, number> = { list: 0, change: 1, connect: 2, full: 3 }

/**
 * What the service tracks per charger beside the stored row: the version in flight, how many entries
 * the last compiled list could not hold, and when it next changes. Kept in memory for the chargers
 * this node serves (not yet in the `local_lists` columns of the same names).
 */
export interface ListProgress {
  pendingVersion: number | null
  dropped: number
  nextChangeAt: number | null
}

/** A charger's local-list state for the admin. */
export interface LocalListState extends ListProgress {
  row: LocalListRow
  /** Waiting for its turn or being sent on this node. */
  queued: boolean
  inFlight: boolean
  /** When a failed update is tried again (this node), if one failed. */
  retryAt: number | null
}

const RETRY_BASE_MS = 5_000
const RETRY_MAX_MS = 300_000
/** A charger that connected but did not boot within this is brought up to date anyway (a reconnect without a boot). */
const CONNECT_SETTLE_MS = 5_000

/** What updates started within one second share: the facts as of one instant, and each shape's compiled list per policy book. */
interface UpdateMemo {
  second: number
  facts: ListInputMemo
  lists: Map<PolicyBook, Map<string, CompiledLocalList & { hash: string }>>
}

const emptyMemo = (second: number, at: number): UpdateMemo => ({
  second,
  facts: listInputMemo(at),
  lists: new Map(),
})

const connected = z.object({ chargerId: z.string(), nodeId: z.string() })
const booted = z.object({ chargerId: z.string(), registration: z.string() })
const disconnected = z.object({ chargerId: z.string() })

/**
 * Keeps every charger's local authorization list equal to what the access policies say now, so the
 * rules hold while a charger is offline. Per charger it compiles the wanted list
 * (`compileLocalList`), compares its hash with the acknowledged one and sends SendLocalList:
 * Differential from the acknowledged list when that is smaller, else Full, in parts when the charger
 * takes fewer entries per message, with strictly increasing versions (the version in flight is
 * remembered). Accepted stores the entries and version; VersionMismatch resends Full above the charger's
 * version; Failed or no answer retries with backoff; NotSupported is recorded and not retried; an
 * offline charger is owed its list and gets it when it connects (after GetLocalListVersion tells what
 * it holds). It also sets the offline settings (`offline-settings.ts`) on connect and when rules change.
 *
 * Triggers: access changes (debounced per organization; every charger of the organization and its
 * descendants), a charger connecting or booting, and a sweep for lists whose next change (a window
 * opening or closing) has come. Sends are paced ({@link SendPacer}). Cluster-safe without a lease:
 * a node only works on chargers whose connection it holds (the database says which node, and a
 * charger has one live connection), and commands reach a charger only through that node anyway.
 */
export class LocalLists {
  readonly #jobs = new Map<string, ListJob>()
  readonly #known = new Map<string, KnownCharger>()
  readonly #progress = new Map<string, ListProgress>()
  readonly #retry = new Map<string, { attempt: number; at: number }>()
  readonly #debounce = new Map<string, TimerHandle>()
  readonly #settling = new Map<string, TimerHandle>()
  readonly #pacer: SendPacer
  readonly #lookups = new Set<Promise<void>>()
  #memo: UpdateMemo = emptyMemo(-1, 0)
  #stops: (() => void)[] = []
  #sweepTimer: TimerHandle | undefined

  constructor(private readonly deps: LocalListsDeps) {
    this.#pacer = new SendPacer({
      clock: deps.clock,
      pace: deps.settings,
      run: (id) => this.#run(id),
    })
  }

  /** Starts listening (access changes, charger connections) and sweeping. */
  start(): void {
    const { bus, changes } = this.deps
    this.#stops = [
      changes.listen((org) => this.#organizationChanged(org)),
      bus.subscribe(subjects.everyChargerEvent('connected'), (p) => this.#connected(p)),
      bus.subscribe(subjects.everyChargerEvent('booted'), (p) => this.#booted(p)),
      bus.subscribe(subjects.everyChargerEvent('disconnected'), (p) => this.#disconnected(p)),
    ]
    this.#scheduleSweep()
  }

  /** Stops listening, sweeping and starting sends; sends in flight finish. */
  stop(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    const { clock } = this.deps
    if (this.#sweepTimer !== undefined) clock.clearTimeout(this.#sweepTimer)
    for (const t of [...this.#debounce.values(), ...this.#settling.values()]) clock.clearTimeout(t)
    this.#debounce.clear()
    this.#settling.clear()
    this.#pacer.stop()
  }

  /** Queues a charger's update (a stronger job wins over a weaker one queued). */
  refresh(chargerId: string, job: ListJob = 'list'): void {
    const queued = this.#jobs.get(chargerId)
    if (!queued || weight[job] > weight[queued]) this.#jobs.set(chargerId, job)
    this.#pacer.add(chargerId)
  }

  /**
   * "Send now" in the admin: a Full list to a charger connected to this node, at its turn in the
   * pace, answered with how it ended. A charger connected elsewhere is its own node's to update.
   */
  async sendNow(chargerId: string): Promise<CommandOutcome> {
    const connection = await this.deps.lists.connection(chargerId, this.deps.nodeId)
    if (!connection.here)
      return connection.online
        ? outcome.rejected('the charger is connected to another node, which keeps its list: try again there')
        : outcome.offline()
    this.refresh(chargerId, 'full')
    await this.#pacer.settled(chargerId)
    const state = await this.state(chargerId)
    const { row } = state
    const dropped =
      state.dropped > 0 ? `; ${state.dropped} left out (the charger holds at most ${row.maxEntries})` : ''
    return {
      status: row.lastStatus ?? 'Failed',
      detail: `version ${row.version}, ${await this.heldEntries(chargerId)} entries${dropped}`,
    }
  }

  /** How many entries the charger acknowledged holding. */
  async heldEntries(chargerId: string): Promise<number> {
    return (await this.deps.lists.entries(chargerId)).length
  }

  /** How many chargers wait for or are in an update on this node. */
  get backlog(): number {
    return this.#pacer.size
  }

  /** Resolves when no lookup or update is under way (tests drive time, then wait for this). */
  async idle(): Promise<void> {
    while (this.#lookups.size > 0 || this.#pacer.size > 0) {
      await Promise.all(this.#lookups)
      await this.#pacer.idle()
    }
  }

  /** A charger's list state for the admin. */
  async state(chargerId: string): Promise<LocalListState> {
    const now = this.deps.clock.now()
    const row = (await this.deps.lists.find(chargerId)) ?? NO_LIST(chargerId, now)
    const progress = this.#progress.get(chargerId) ?? { pendingVersion: null, dropped: 0, nextChangeAt: null }
    return {
      row,
      ...progress,
      queued: this.#pacer.has(chargerId) && !this.#pacer.running(chargerId),
      inFlight: this.#pacer.running(chargerId),
      retryAt: this.#retry.get(chargerId)?.at ?? null,
    }
  }

  /** Queues every charger on this node whose list is due: its next change has come, or an update is owed. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now()
    const due = new Set(await this.deps.lists.owed(this.deps.nodeId))
    for (const [id, p] of this.#progress) if (p.nextChangeAt !== null && p.nextChangeAt <= now) due.add(id)
    for (const id of due) {
      const retry = this.#retry.get(id)
      if (!retry || retry.at <= now) this.refresh(id)
    }
  }

  #scheduleSweep(): void {
    this.#sweepTimer = this.deps.clock.setTimeout(() => {
      this.sweep().then(
        () => this.#scheduleSweep(),
        (err: unknown) => {
          this.deps.log.error('local-list sweep failed', { error: String(err) })
          this.#scheduleSweep()
        },
      )
    }, this.deps.settings.sweepMs)
  }

  #organizationChanged(organizationId: string): void {
    this.#memo = emptyMemo(-1, 0)
    if (this.#debounce.has(organizationId)) return
    const timer = this.deps.clock.setTimeout(() => {
      this.#debounce.delete(organizationId)
      const lookup = this.deps.lists.connectedUnder(organizationId, this.deps.nodeId).then(
        (ids) => {
          for (const id of ids) this.refresh(id, 'change')
        },
        (err: unknown) =>
          this.deps.log.error('local lists: chargers of a changed organization not found', {
            organization: organizationId,
            error: String(err),
          }),
      )
      this.#lookups.add(lookup)
      void lookup.finally(() => this.#lookups.delete(lookup))
    }, this.deps.settings.debounceMs)
    this.#debounce.set(organizationId, timer)
  }

  #connected(payload: unknown): void {
    const p = connected.safeParse(payload)
    if (!p.success || p.data.nodeId !== this.deps.nodeId) return
    const id = p.data.chargerId
    this.#known.delete(id)
    const previous = this.#settling.get(id)
    if (previous !== undefined) this.deps.clock.clearTimeout(previous)
    this.#settling.set(
      id,
      this.deps.clock.setTimeout(() => {
        this.#settling.delete(id)
        this.refresh(id, 'connect')
      }, CONNECT_SETTLE_MS),
    )
  }

  #booted(payload: unknown): void {
    const p = booted.safeParse(payload)
    if (!p.success || p.data.registration !== 'Accepted') return
    const timer = this.#settling.get(p.data.chargerId)
    if (timer === undefined) return
    this.deps.clock.clearTimeout(timer)
    this.#settling.delete(p.data.chargerId)
    this.refresh(p.data.chargerId, 'connect')
  }

  #disconnected(payload: unknown): void {
    const p = disconnected.safeParse(payload)
    if (!p.success) return
    this.#known.delete(p.data.chargerId)
    this.#progress.delete(p.data.chargerId)
    const timer = this.#settling.get(p.data.chargerId)
    if (timer !== undefined) this.deps.clock.clearTimeout(timer)
    this.#settling.delete(p.data.chargerId)
  }

  /**
   * The memo for updates started within one second: they compile as of the first one's instant, so a
   * flood after one change reads the organization's policies and tokens about once a second instead
   * of once per charger, and compiles and hashes each list shape once ({@link listShape}). A list is
   * then at most a second older than its send; one whose next change came meanwhile is due at the
   * next sweep. An announced change drops the memo, and "Send now" (`full`) reads and compiles
   * afresh, so no update that follows a change uses facts read before it.
   */
  #memoFor(now: number): UpdateMemo {
    const second = Math.floor(now / 1000)
    if (this.#memo.second !== second) this.#memo = emptyMemo(second, now)
    return this.#memo
  }

  /** The compiled list and its hash, from the memo when another charger of the same shape had it. */
  #compile(input: LocalListInput, memo: UpdateMemo | undefined): CompiledLocalList & { hash: string } {
    const shapes = memo?.lists.get(input.book)
    const shape = memo ? listShape(input) : ''
    const known = shapes?.get(shape)
    if (known) return known
    const compiled = compileLocalList(input)
    const out = { ...compiled, hash: hashList(compiled.entries) }
    if (memo) {
      if (shapes) shapes.set(shape, out)
      else memo.lists.set(input.book, new Map([[shape, out]]))
    }
    return out
  }

  /** One charger's update; every outcome is handled here (an unexpected error is logged and retried). */
  async #run(chargerId: string): Promise<void> {
    const job = this.#jobs.get(chargerId) ?? 'list'
    this.#jobs.delete(chargerId)
    try {
      await this.#update(chargerId, job)
    } catch (err) {
      this.deps.log.error('local list update failed', { charger: chargerId, error: String(err) })
      this.#backoff(chargerId)
    }
  }

  async #update(chargerId: string, job: ListJob): Promise<void> {
    const { lists, clock, nodeId } = this.deps
    const connection = await lists.connection(chargerId, nodeId)
    if (!connection.here) return
    const protocol: OfflineProtocol = connection.protocol === 'ocpp1.6' ? 'ocpp1.6' : 'ocpp2.0.1'
    const now = clock.now()
    const row = (await lists.find(chargerId)) ?? NO_LIST(chargerId, now)
    const fresh = job === 'connect' || job === 'full'
    if (!fresh && row.lastStatus === 'NotSupported') return
    let known = this.#known.get(chargerId)
    if (!known || fresh) {
      known = await learnCharger(this.deps, chargerId, protocol)
      if (known) this.#known.set(chargerId, known)
    }
    if (!known) return
    const memo = job === 'full' ? undefined : this.#memoFor(now)
    const input = await this.deps.access.listInput(
      chargerId,
      memo?.facts.at ?? now,
      { maxEntries: known.limits.maxEntries, offlineAcceptsUnknown: acceptsUnknown(known) },
      memo?.facts,
    )
    if (!input) return
    if (job !== 'list')
      await settleOfflineSettings(this.deps, chargerId, known, {
        strict: rulesNeedList(input.book, input.site),
        rulesChanged: job === 'change',
      })
    // The settings may just have changed whether the charger accepts unknown ids offline.
    input.offlineAcceptsUnknown = acceptsUnknown(known)
    const compiled = this.#compile(input, memo)
    const wanted = compiled.hash
    let held: HeldList | null =
      row.version > 0 && row.sentHash !== null
        ? { version: row.version, entries: await lists.entries(chargerId) }
        : null
    let base = Math.max(row.version, this.#progress.get(chargerId)?.pendingVersion ?? 0)
    if (fresh) {
      const v = await this.deps.send(chargerId, { type: 'getLocalListVersion' })
      const reported = Number(v.data?.version)
      if (v.status === 'Accepted' && Number.isInteger(reported)) {
        if (reported !== row.version) held = null
        base = Math.max(base, reported)
      }
    }
    if (job === 'full') held = null
    const bookkeeping = { wantedHash: wanted, maxEntries: known.limits.maxEntries }
    const progress = { pendingVersion: null, dropped: compiled.dropped, nextChangeAt: compiled.nextChangeAt }
    this.#progress.set(chargerId, progress)
    if (held !== null && wanted === row.sentHash) {
      if (row.wantedHash !== wanted || row.maxEntries !== bookkeeping.maxEntries)
        await this.deps.writer.write([lists.save(chargerId, bookkeeping, clock.now())])
      this.#retry.delete(chargerId)
      return
    }
    if (compiled.dropped > 0) {
      this.deps.log.warn('local list too long for the charger: least important entries left out', {
        charger: chargerId,
        dropped: compiled.dropped,
        maxEntries: known.limits.maxEntries,
      })
    }
    const messages = planUpdate(held, compiled.entries, base + 1, {
      items: known.limits.items,
      bytes: known.limits.bytes,
    })
    this.#progress.set(chargerId, { ...progress, pendingVersion: (messages.at(-1) as ListMessage).version })
    await this.#send(chargerId, messages, compiled.entries, bookkeeping)
  }

  /** Sends the parts in order; the first part not accepted ends the update, which is then recorded (one write). */
  async #send(
    chargerId: string,
    messages: readonly ListMessage[],
    entries: Parameters<LocalListsRepo['replaceEntries']>[1],
    bookkeeping: { wantedHash: string; maxEntries: number | null },
  ): Promise<void> {
    const wanted = bookkeeping.wantedHash
    const { lists, writer, clock } = this.deps
    let acceptedVersion: number | null = null
    let result: CommandOutcome = { status: 'Accepted' }
    for (const m of messages) {
      result = await this.deps.send(chargerId, { type: 'sendLocalList', ...m })
      if (result.status !== 'Accepted') break
      acceptedVersion = m.version
    }
    const now = clock.now()
    const status = result.status
    const progress = this.#progress.get(chargerId)
    if (progress) progress.pendingVersion = null
    if (status === 'Accepted') {
      await writer.write([
        lists.save(
          chargerId,
          {
            ...bookkeeping,
            version: acceptedVersion as number,
            sentHash: wanted,
            sentAt: now,
            lastStatus: 'Accepted',
          },
          now,
        ),
        ...lists.replaceEntries(chargerId, entries),
      ])
      this.#retry.delete(chargerId)
      return
    }
    // Parts before the refusal were taken: the charger holds a list we no longer know, at that version.
    const partial = acceptedVersion === null ? {} : { version: acceptedVersion, sentHash: null }
    const recorded = status === 'Offline' ? {} : { lastStatus: status }
    await writer.write([lists.save(chargerId, { ...bookkeeping, ...partial, ...recorded }, now)])
    if (status === 'Offline') return
    if (status === 'NotSupported') {
      this.deps.log.info('charger does not support local lists: none will be sent', {
        charger: chargerId,
        detail: result.detail ?? null,
      })
      return
    }
    this.deps.log.warn('local list not accepted', {
      charger: chargerId,
      status,
      detail: result.detail ?? null,
    })
    if (status === 'VersionMismatch' && (this.#retry.get(chargerId)?.attempt ?? 0) === 0) {
      this.#retry.set(chargerId, { attempt: 1, at: now })
      this.refresh(chargerId, 'full')
      return
    }
    this.#backoff(chargerId)
  }

  #backoff(chargerId: string): void {
    const attempt = (this.#retry.get(chargerId)?.attempt ?? 0) + 1
    const delay = Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_MAX_MS)
    this.#retry.set(chargerId, { attempt, at: this.deps.clock.now() + delay })
  }
}
