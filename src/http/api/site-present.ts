import { safeFallbackA } from '@src/domain/site/fail-safe'
import { configProblems } from '@src/domain/site/model'
import type { Site, SiteConfig, SiteLoadMinute } from '@src/domain/site/site-config'
import type { SiteStatus } from '@src/domain/site/status'
import type { EditOutcome } from '@src/services/site-edits'
import { errorLine } from '@src/services/site-input'
import { apiError } from './guard'
import { iso } from './present'

/** A site's settings as the API shows them (the fields `PUT /sites/{id}` takes, plus id and times). */
export function siteJson(s: Site) {
  return {
    id: s.id,
    name: s.name,
    timeZone: s.timeZone,
    voltageV: s.voltageV,
    phases: s.phases,
    mainFuseA: s.mainFuseA,
    safetyMarginA: s.safetyMarginA,
    buildingMaxA: s.buildingMaxA,
    buildingMeter: s.buildingMeter,
    buildingMeterChargerId: s.buildingMeterChargerId,
    peakTargetKw: s.peakTargetKw,
    loopIntervalMs: s.loopIntervalMs,
    failSafeA: s.failSafeA,
    objective: s.objective,
    // caps: the site's access default and holidays
    accessDefault: s.accessDefault,
    holidays: s.holidays,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  }
}

/** A site's loop status with times as ISO 8601. */
export function statusJson(s: SiteStatus) {
  return {
    ...s,
    at: iso(s.at),
    sessions: s.sessions.map((x) => ({
      ...x,
      departureAt: iso(x.departureAt),
      expectedDoneAt: iso(x.expectedDoneAt),
    })),
  }
}

/**
 * A whole site: settings, fuse tree and connectors, what is wrong with it, the current chargers fall
 * back to without the CSMS (`effectiveFailSafeA`, computed when `failSafeA` is not set), and the loop's
 * latest status if this node has received one.
 */
export function siteDetailJson(config: SiteConfig, status: SiteStatus | undefined) {
  return {
    ...siteJson(config.site),
    circuits: config.circuits.map(({ id, name, parentId, limitA }) => ({ id, name, parentId, limitA })),
    connectors: config.connectors.map(({ chargerId, evseId, circuitId, maxA, wiring }) => ({
      chargerId,
      evseId,
      circuitId,
      maxA,
      wiring,
    })),
    problems: configProblems(config),
    effectiveFailSafeA: safeFallbackA(config),
    status: status ? statusJson(status) : null,
  }
}

/** One minute of load. */
export function loadRowJson(r: SiteLoadMinute) {
  return { at: iso(r.minute * 60_000), l1A: r.l1A, l2A: r.l2A, l3A: r.l3A, evKw: r.evKw, siteKw: r.siteKw }
}

const codes = { 400: 'INVALID_INPUT', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' } as const

/** A refused edit as an API error: the status and one message naming each field. */
export function refusal(set: { status?: number | string }, outcome: Extract<EditOutcome, { ok: false }>) {
  set.status = outcome.status
  const prefix = outcome.status === 400 ? 'invalid body: ' : ''
  return apiError(codes[outcome.status], prefix + errorLine(outcome.errors))
}
