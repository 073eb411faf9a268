/**
 * The server under test, as a child process the benchmarks control over IPC: a CSMS node
 * (`FLEET_SERVER=csms`, configured by the usual environment variables) or the raw echo server
 * (`FLEET_SERVER=echo`). Operations: `stats`, `gc` (full collection, then stats), `heap` (JSC heap
 * statistics by object type), `stop` (graceful, so `--cpu-prof` profiles are written).
 */
import { heapStats } from 'bun:jsc'
import { loadConfig } from '@src/config'
import { startNode } from '@src/node'
import { startEchoServer } from './echo-server'
import { serveIpc } from './ipc'

/** What the server reports about itself. */
export interface ServerStats {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  cpuUserUs: number
  cpuSystemUs: number
  connections: number
}

const mode = process.env.FLEET_SERVER ?? 'csms'

async function start(): Promise<{ port: number; connections: () => number; stop: () => Promise<void> }> {
  if (mode === 'echo') {
    const server = startEchoServer(Number(process.env.PORT ?? 0), process.env.HOST ?? '0.0.0.0')
    return {
      port: server.port ?? 0,
      connections: () => server.pendingWebSockets,
      stop: () => server.stop(true),
    }
  }
  const node = await startNode(loadConfig(process.env))
  return {
    port: node.server.port ?? 0,
    connections: () => node.deps.gateway.connections,
    stop: () => node.stop(),
  }
}

function stats(connections: number): ServerStats {
  const m = process.memoryUsage()
  const cpu = process.cpuUsage()
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    connections,
  }
}

/** The object types holding the most instances (what a charger costs in the heap). */
function heapTop(n: number): { type: string; count: number }[] {
  const counts = heapStats().objectTypeCounts as Record<string, number>
  return Object.entries(counts)
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, n)
}

const server = await start()
serveIpc({ port: server.port, pid: process.pid, mode }, async (op) => {
  switch (op) {
    case 'stats':
      return stats(server.connections())
    case 'gc':
      Bun.gc(true)
      return stats(server.connections())
    case 'heap':
      Bun.gc(true)
      return heapTop(25)
    case 'stop':
      await server.stop()
      setTimeout(() => process.exit(0), 10)
      return null
    default:
      throw new Error(`unknown op ${op}`)
  }
})
