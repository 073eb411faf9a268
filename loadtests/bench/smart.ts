/**
 * Smart charging benchmark (`npm run bench:smart [-- --out results/smart.json --seed 1 --loop-ms 500
 * --only coop-20]`):
 * 1. the ACN workload: FCFS/EDF/LLF/round robin reproduced against the published figures, then our
 *    scheduler on the same capacities (three-phase 10–60 kW, aggregate 10–20 kW);
 * 2. the closed loop: every scenario of `benchScenarios` (co-ops, an office, a depot, adversarial
 *    cases) played by the physically honest site world against the real site actor, equal share and
 *    uncontrolled charging, each scored against the offline optimum (an LP that knows the future);
 * 3. `allocate` on a 500-connector site (median ms).
 * Prints markdown tables and writes JSON rows. Performance is measured here, never in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { benchScenarios } from '@src/sim/site/scenarios'
import { acnBaselineRows, acnOurRows } from './smart/acn-bench'
import { loadAcnSessions } from './smart/acn-data'
import type { BenchRow } from './smart/bench-row'
import { cpuMsSince, runScenario, type ScenarioRuns } from './smart/closed-loop-bench'
import { closedLoopTargets, costTable, energyTable, safetyTable } from './smart/closed-loop-report'
import { microRow } from './smart/micro-bench'
import { oursTable, reproductionTable, targetLines } from './smart/report'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'results/smart.json' },
    acn: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'loop-ms': { type: 'string', default: '500' },
    only: { type: 'string' },
  },
})
const seed = Number(values.seed)
const loopIntervalMs = Number(values['loop-ms'])

const started = performance.now()
const cpu = process.cpuUsage()
const sessions = loadAcnSessions(values.acn)
const baselines = acnBaselineRows(sessions)
const ours = acnOurRows(sessions, baselines)

console.log('## ACN (Caltech, March 2019): reproduction of the published baselines\n')
console.log(reproductionTable(baselines))
console.log('\n## ACN: our scheduler\n')
console.log(oursTable(ours, baselines))

const scenarios = benchScenarios(seed).filter((s) => !values.only || s.name.includes(values.only))
const closed: ScenarioRuns[] = []
for (const scenario of scenarios) {
  closed.push(await runScenario(scenario, { loopIntervalMs, seed }))
  const ourRun = closed.at(-1)!.runs[0]!.row
  console.error(
    `${scenario.name}: ours ${ourRun.energy_delivered_pct} % in ${Number(ourRun.cpu_ms) / 1000} s CPU`,
  )
}
console.log(
  `\n## Closed loop: energy against the offline optimum (seed ${seed}, our loop every ${loopIntervalMs} ms)\n`,
)
console.log(energyTable(closed))
console.log('\n## Closed loop: seconds over any fuse rating, by cause, and setpoint traffic\n')
console.log(safetyTable(closed))
console.log('\n## Closed loop: what the runs cost (CPU time)\n')
console.log(costTable(closed))

const micro = microRow(500, 300)
console.log(`\n## allocate on a ${micro.network} site\n`)
console.log(
  `median ${micro.runtime_ms} ms (p10 ${micro.p10_ms}, p90 ${micro.p90_ms}) over ${micro.runs} runs, ${micro.charging}/${micro.sessions} sessions charging`,
)
console.log('\n## Targets\n')
for (const line of [...targetLines(ours, micro), ...closedLoopTargets(closed)]) console.log(`- ${line}`)
console.log(
  `\nwhole benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s wall, ${(cpuMsSince(cpu) / 1000).toFixed(0)} s CPU`,
)

const rows: BenchRow[] = [
  ...baselines,
  ...ours,
  ...closed.flatMap((s) => [
    {
      workload: 'closed-loop' as const,
      network: s.scenario.name,
      capacity_kw: null,
      algorithm: 'LP optimum',
      energy_delivered_pct: 100,
      peak_kw: null,
      runtime_ms: Math.round(s.optimumMs),
      optimum_kwh: Math.round(s.optimumWh) / 1000,
    },
    ...s.runs.map((r) => r.row),
  ]),
  micro,
]
mkdirSync(dirname(values.out), { recursive: true })
writeFileSync(values.out, `${JSON.stringify(rows, null, 2)}\n`)
console.log(`\nwrote ${values.out}`)
