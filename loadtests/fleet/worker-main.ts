/**
 * A fleet worker process: holds {@link Fleet}s (up to ~19,800 sockets in all under a 20,000 open-file
 * limit) and runs them as its parent {@link FleetPool} asks over IPC. Each `start` adds a fleet (a
 * benchmark can connect a second batch later); the other operations apply to all of them.
 */
import { Fleet, type FleetOptions, type FleetProgress } from './fleet'
import { serveIpc } from './ipc'
import { mergeSnapshots } from './stats'

const fleets: Fleet[] = []

function progress(): FleetProgress {
  const all = fleets.map((f) => f.progress())
  return {
    chargers: all.reduce((n, p) => n + p.chargers, 0),
    booted: all.reduce((n, p) => n + p.booted, 0),
    failed: all.reduce((n, p) => n + p.failed, 0),
    bringUpMs: all.at(-1)?.bringUpMs,
    lastBootMs: all.at(-1)?.lastBootMs,
  }
}

serveIpc({ pid: process.pid }, async (op, arg) => {
  switch (op) {
    case 'start': {
      const fleet = new Fleet(arg as FleetOptions)
      fleets.push(fleet)
      return fleet.connectAll()
    }
    case 'rate': {
      const total = fleets.reduce((n, f) => n + f.chargers.length, 0)
      for (const f of fleets) f.setRate(((arg as number) * f.chargers.length) / total)
      return null
    }
    case 'prime':
      return Promise.all(fleets.map((f) => f.prime()))
    case 'cycles':
      return Promise.all(fleets.map((f) => f.runCycles(arg as number)))
    case 'snapshot':
      return {
        stats: mergeSnapshots(fleets.map((f) => f.snapshot(arg === true))),
        progress: progress(),
        rss: process.memoryUsage().rss,
      }
    case 'stop':
      await Promise.all(fleets.map((f) => f.close()))
      setTimeout(() => process.exit(0), 10)
      return null
    default:
      throw new Error(`unknown op ${op}`)
  }
})
