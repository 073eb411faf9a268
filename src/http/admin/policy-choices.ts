import type { Deps } from '@src/deps'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Choice, ChoiceGroup } from '@views/admin/policy-form'
import { pickValue } from './policy-form-input'

/** The most of each kind a picker lists (the caller's own organizations' things). */
const PICK_LIMIT = 500

/** What the policy form, the try form and the timetable offer to pick, and how to name and place a pick. */
export interface PolicyChoices {
  organizations: Choice[]
  who: ChoiceGroup[]
  where: ChoiceGroup[]
  sites: Choice[]
  chargers: Choice[]
  /** A where pick's (or `charger:<id>`'s) time zone: its site's, else the default. */
  zoneOf: (pick: string) => string
  /** A who or where pick's label, or the pick's ids when it is not among the choices. */
  labelOf: (pick: string) => string
}

/**
 * Loads the choices within the scope: organizations, tokens, drivers, households, business accounts
 * and groups (who), organizations, sites, circuits, chargers and EVSEs (where), each list as the
 * scoped repositories give it, so a caller sees its own things only.
 */
export async function loadPolicyChoices(deps: Deps, scope: Scope): Promise<PolicyChoices> {
  const { scoped } = deps
  const page = { limit: PICK_LIMIT, offset: 0 }
  const [orgs, tokens, drivers, households, businesses, groups, sites, chargers] = await Promise.all([
    deps.services.organizationEdits.list(scope),
    scoped.tokens.list(scope, page),
    scoped.people.listDrivers(scope, page),
    scoped.people.listHouseholds(scope, page),
    scoped.people.listBusinessAccounts(scope, page),
    scoped.groups.list(scope, page),
    scoped.sites.list(scope),
    scoped.chargers.list(scope, { limit: PICK_LIMIT }),
  ])
  const [configs, connectors] = await Promise.all([
    Promise.all(sites.map((s) => scoped.sites.config(scope, s.id))),
    scoped.chargers.connectorsOfMany(chargers.rows),
  ])
  const zones = new Map<string, string>()
  const siteOfCharger = new Map<string, string>()
  const evses = new Map<string, Set<number>>()
  const addEvse = (chargerId: string, evseId: number) =>
    evses.set(chargerId, (evses.get(chargerId) ?? new Set()).add(evseId))
  for (const c of connectors) addEvse(c.chargerId, c.evseId)
  const circuits: Choice[] = []
  for (const config of configs) {
    if (!config) continue
    const { site } = config
    zones.set(pickValue('site', site.id), site.timeZone)
    for (const c of config.circuits) {
      const value = pickValue('circuit', site.id, c.id)
      zones.set(value, site.timeZone)
      circuits.push({ value, label: `${site.name} › ${c.name}` })
    }
    for (const c of config.connectors) {
      siteOfCharger.set(c.chargerId, site.timeZone)
      addEvse(c.chargerId, c.evseId)
    }
  }
  const chargerName = new Map(chargers.rows.map((c) => [c.id, c.label ? `${c.label} (${c.id})` : c.id]))
  const evseChoices: Choice[] = []
  for (const c of chargers.rows) {
    const zone = siteOfCharger.get(c.id)
    if (zone) zones.set(pickValue('charger', c.id), zone)
    for (const n of [...(evses.get(c.id) ?? [])].sort((a, b) => a - b)) {
      const value = pickValue('evse', c.id, String(n))
      if (zone) zones.set(value, zone)
      evseChoices.push({ value, label: `${chargerName.get(c.id)} EVSE ${n}` })
    }
  }
  const who: ChoiceGroup[] = [
    { label: 'Anyone', options: [{ value: 'anyone', label: 'Anyone with an accepted token' }] },
    {
      label: 'Groups',
      options: groups.rows.map((g) => ({ value: pickValue('group', g.id), label: `${g.name} (${g.kind})` })),
    },
    {
      label: 'Households',
      options: households.rows.map((h) => ({
        value: pickValue('household', h.id),
        label: `Apartment ${h.apartment}${h.parkingSpace ? `, space ${h.parkingSpace}` : ''}`,
      })),
    },
    {
      label: 'Business accounts',
      options: businesses.rows.map((b) => ({ value: pickValue('business', b.id), label: b.name })),
    },
    {
      label: 'Drivers',
      options: drivers.rows.map((d) => ({ value: pickValue('driver', d.id), label: d.name })),
    },
    {
      label: 'Tokens',
      options: tokens.rows.map((t) => ({
        value: pickValue('token', t.uid),
        label: t.label ? `${t.uid} (${t.label})` : t.uid,
      })),
    },
  ]
  const where: ChoiceGroup[] = [
    {
      label: 'Organizations',
      options: orgs.map((o) => ({ value: pickValue('organization', o.id), label: `All of ${o.name}` })),
    },
    { label: 'Sites', options: sites.map((s) => ({ value: pickValue('site', s.id), label: s.name })) },
    { label: 'Circuits', options: circuits },
    {
      label: 'Chargers',
      options: chargers.rows.map((c) => ({
        value: pickValue('charger', c.id),
        label: chargerName.get(c.id) ?? c.id,
      })),
    },
    { label: 'EVSEs', options: evseChoices },
  ]
  const labels = new Map([...who, ...where].flatMap((g) => g.options.map((o) => [o.value, o.label])))
  return {
    organizations: orgs.map((o) => ({ value: o.id, label: o.name })),
    who,
    where,
    sites: sites.map((s) => ({ value: s.id, label: s.name })),
    chargers: chargers.rows.map((c) => ({ value: c.id, label: chargerName.get(c.id) ?? c.id })),
    zoneOf: (pick) => zones.get(pick) ?? DEFAULT_TIME_ZONE,
    labelOf: (pick) => labels.get(pick) ?? pick.split(':').map(decodeURIComponent).join(' '),
  }
}
