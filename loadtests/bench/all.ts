/**
 * `npm run bench [-- --quick]`: every fleet benchmark in turn, each in a fresh process (connections,
 * throughput, boot storm, site loop, admin, access, local lists, pricing, billing). Flags after `--` go
 * to each one (`--quick` for a CI smoke run). The smart-charging benchmark runs separately
 * (`npm run bench:smart`).
 */
import { join } from 'node:path'

const benches = [
  'connections',
  'throughput',
  'bootstorm',
  'siteloop',
  'admin',
  'access',
  'local-lists',
  'pricing',
  'billing',
]
const args = Bun.argv.slice(2)
const failed: string[] = []
for (const bench of benches) {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, `${bench}.ts`), ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if ((await proc.exited) !== 0) failed.push(bench)
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`)
  process.exit(1)
}
