import { systemScope } from '@src/domain/tenancy/scope'
import { ALL_PERMISSIONS } from '@src/services/scopes'
import type { EditOutcome, SiteEdits } from '@src/services/site-edits'
import { circuitSchema, connectorSchema, siteSchema } from '@src/services/site-input'
import type { ScenarioFuse, SiteScenario } from '@src/sim/site/types'

/** The benchmark sets its site up as the CSMS itself. */
const BENCH = systemScope('benchmark', ALL_PERMISSIONS)

/** How the building's load reaches the loop: posted to the site's meter API, or from an OCPP meter. */
export type BuildingMeterKind = 'http' | 'ocpp'

/** What the scenario leaves to the operator who sets the site up. */
export interface SiteSetup {
  siteId: string
  buildingMeter: BuildingMeterKind
  /** The id of the OCPP meter (registered as a charger) for an `ocpp` building meter. */
  meterChargerId: string
  loopIntervalMs: number
}

/**
 * Saves a scenario's site the way an operator does in the admin: the site's settings, each sub-fuse as a
 * circuit (parents first) and each charger's EVSE 1 on the fuse that feeds it, with its rating and
 * wiring, through the same use case and input schemas as the admin's forms. Whatever the scenario does
 * not say (safety margin, building maximum) keeps the form's default. A refusal throws: a scenario the
 * product cannot represent is a bug in the scenario.
 */
export async function saveScenarioSite(
  edits: SiteEdits,
  scenario: SiteScenario,
  setup: SiteSetup,
): Promise<void> {
  const { siteId } = setup
  check(
    'site',
    await edits.saveSite(
      BENCH,
      siteId,
      siteSchema.parse({
        name: scenario.name,
        voltageV: scenario.voltageV,
        phases: 3,
        mainFuseA: scenario.main.limitA,
        buildingMeter: setup.buildingMeter,
        buildingMeterChargerId: setup.buildingMeter === 'ocpp' ? setup.meterChargerId : null,
        loopIntervalMs: setup.loopIntervalMs,
        failSafeA: scenario.failSafeA,
      }),
    ),
  )
  const chargers = new Map(scenario.chargers.map((c) => [c.id, c]))
  for (const { fuse, parentId } of fusesBelow(scenario.main, undefined)) {
    const circuitId = parentId === undefined ? null : fuse.id
    if (circuitId !== null)
      check(
        fuse.id,
        await edits.saveCircuit(
          BENCH,
          siteId,
          circuitId,
          circuitSchema.parse({ name: fuse.id, parentId, limitA: fuse.limitA }),
        ),
      )
    for (const chargerId of fuse.chargerIds ?? []) {
      const charger = chargers.get(chargerId)
      if (!charger)
        throw new Error(`scenario ${scenario.name}: fuse ${fuse.id} feeds unknown charger ${chargerId}`)
      check(
        chargerId,
        await edits.assignConnector(
          BENCH,
          { siteId, chargerId, evseId: 1 },
          connectorSchema.parse({ circuitId, maxA: charger.maxA, wiring: charger.wiring.join(',') }),
        ),
      )
    }
  }
}

/**
 * Every fuse of the tree, parents before children, with its parent circuit: `undefined` for the main
 * fuse (it is the site itself), null for a circuit right under it.
 */
function* fusesBelow(
  fuse: ScenarioFuse,
  parentId: string | null | undefined,
): Generator<{ fuse: ScenarioFuse; parentId: string | null | undefined }> {
  yield { fuse, parentId }
  const below = parentId === undefined ? null : fuse.id
  for (const child of fuse.children ?? []) yield* fusesBelow(child, below)
}

function check(what: string, outcome: EditOutcome): void {
  if (!outcome.ok) throw new Error(`the admin refused ${what}: ${JSON.stringify(outcome.errors)}`)
}
