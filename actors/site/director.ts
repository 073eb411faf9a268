import type { KindHandle } from '@actors/runtime/system'
import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { SitesRepo } from '@src/db/repos/sites'
import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { SiteMsg } from './protocol'

/** The director re-reads the list of sites this often (ms), also reviving a site actor that gave up. */
export const SITE_SYNC_MS = 30_000

/**
 * Keeps one site actor per site alive on this node. Each takes its site's lease or stands by, so in a
 * cluster exactly one node runs each loop and another takes over when that node dies. At boot a list
 * of sites that cannot be read fails the start; later it is logged and read again at the next sync
 * (never an unhandled rejection, which would end the process). A sync that ends after the stop
 * starts nothing.
 */
export async function startSites(
  deps: { sites: Pick<SitesRepo, 'list'>; bus: Bus; clock: Clock; log: Logger },
  kind: KindHandle<SiteMsg>,
): Promise<() => void> {
  let timer: TimerHandle | undefined
  let stopped = false
  const sync = async () => {
    const ids = new Set((await deps.sites.list()).map((s) => s.id))
    if (stopped) return
    for (const id of ids) kind.get(id)
    for (const id of kind.ids()) if (!ids.has(id)) kind.stop(id)
  }
  const resync = () =>
    sync().catch((err: unknown) =>
      deps.log.warn('list of sites unreadable, read again at the next sync', { err }),
    )
  const loop = () => {
    timer = deps.clock.setTimeout(() => {
      if (stopped) return
      void resync().finally(loop)
    }, SITE_SYNC_MS)
  }
  await sync()
  loop()
  const off = deps.bus.subscribe(subjects.sitesChanged, () => void resync())
  return () => {
    stopped = true
    off()
    if (timer !== undefined) deps.clock.clearTimeout(timer)
  }
}
