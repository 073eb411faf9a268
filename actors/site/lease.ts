import type { Lease } from '@src/bus/port'
import { BusUnavailableError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import type { SiteDeps } from './deps'

/**
 * The site's single-owner lease, as the loop sees it: held or not. A lease call that fails (NATS
 * down, a KV timeout) counts as "not held", so the loop stands by instead of crash-looping; it is
 * logged once until a call succeeds again. A bus that is down is logged by the bus itself, once for
 * the node, so each site only notes it at debug (a node's thousand sites write no thousand warnings).
 */
export class SiteLease {
  /** Set while lease calls fail: the level the failure was logged at. */
  #failure: 'debug' | 'warn' | undefined

  constructor(
    private readonly siteId: string,
    private readonly deps: Pick<SiteDeps, 'bus' | 'nodeId' | 'leaseTtlMs'>,
    private readonly log: Logger,
  ) {}

  /** Renews `held`, or takes the lease when nothing is held; undefined when it is not ours now. */
  async refresh(held: Lease | undefined): Promise<Lease | undefined> {
    const { bus, leaseTtlMs } = this.deps
    try {
      const lease = held
        ? await bus.leases.renew(held, leaseTtlMs)
        : await bus.leases.acquire(`site:${this.siteId}`, this.deps.nodeId, leaseTtlMs)
      if (this.#failure) this.log[this.#failure]('site lease reachable again', { held: lease !== undefined })
      this.#failure = undefined
      return lease
    } catch (err) {
      if (!this.#failure) {
        this.#failure = err instanceof BusUnavailableError ? 'debug' : 'warn'
        this.log[this.#failure]('site lease unreachable, standing by', { err })
      }
      return undefined
    }
  }

  /** Gives the lease up so another node takes over at once; with the bus down it expires on its own. */
  async release(lease: Lease): Promise<void> {
    try {
      await this.deps.bus.leases.release(lease)
    } catch (err) {
      if (!(err instanceof BusUnavailableError)) throw err
      this.log.debug('site lease left to expire: the bus is down', { err })
    }
  }
}
