import type { AccessPolicy } from '@src/domain/access/model'
import type { TryAnswer } from '@src/services/access-check'
import { iso } from './present'

/** A policy as the API shows it: validity as ISO instants. */
export const policyJson = (p: AccessPolicy) => ({
  id: p.id,
  organizationId: p.organizationId,
  name: p.name,
  position: p.position,
  enabled: p.enabled,
  effect: p.effect,
  whoKind: p.whoKind,
  whoId: p.whoId,
  whereKind: p.whereKind,
  whereId: p.whereId,
  whereSub: p.whereSub,
  windows: p.windows,
  validFrom: iso(p.validFrom),
  validUntil: iso(p.validUntil),
  holidays: p.holidays,
  priceGroup: p.priceGroup,
  priorityTier: p.priorityTier,
  monthlyKwhBudget: p.monthlyKwhBudget,
  maxSessionMinutes: p.maxSessionMinutes,
})

/** A check's answer as the API shows it. */
export const answerJson = (a: TryAnswer, at: number) => ({
  at: iso(at),
  allowed: a.allowed,
  status: { ocpp201: a.status, ocpp16: a.status16 },
  decidedBy: a.decidedBy,
  policy: a.policy,
  siteDefault: a.siteDefault,
  priceGroup: a.priceGroup,
  priorityTier: a.priorityTier,
  maxSessionMinutes: a.maxSessionMinutes,
  validUntil: iso(a.validUntil),
  trace: a.trace,
  explanation: a.explanation,
})
