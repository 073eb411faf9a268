import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { z } from 'zod'

const changed = z.object({ organizationId: z.string().min(1) })

/**
 * News that who may charge where changed in an organization, over the bus so every node hears it.
 * Every edit that can change an access decision (policies, tokens, drivers, households, business
 * accounts, groups and their members, a site's access settings or connectors) calls {@link changed}
 * after its write commits; the local-list service listens and brings the affected chargers' lists up
 * to date within a minute. Online decisions need no news: they read the database at each check.
 */
export class AccessChanges {
  constructor(private readonly bus: Bus) {}

  /** Announces a change in `organizationId` (call after the write committed). */
  changed(organizationId: string): void {
    this.bus.publish(subjects.accessChanged, { organizationId })
  }

  /** Calls `listener` with the organization of each change announced on any node; returns the unsubscribe. */
  listen(listener: (organizationId: string) => void): () => void {
    return this.bus.subscribe(subjects.accessChanged, (payload) => {
      const p = changed.safeParse(payload)
      if (p.success) listener(p.data.organizationId)
    })
  }
}
