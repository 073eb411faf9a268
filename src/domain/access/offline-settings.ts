import type { VariableRef, VariableSetting } from '../charger/commands'
import type { PolicyBook } from './evaluate'
import type { SiteAccess } from './model'

/** The protocols whose offline settings differ in names. */
export type OfflineProtocol = 'ocpp1.6' | 'ocpp2.0.1'

/**
 * Whether a place's rules are more than "any accepted token": a time window, validity dates, a
 * holiday rule, a budget, a deny policy or a deny default. An authorization cache then cannot hold
 * them (it keeps an Accepted answer without its window or place: a visitor cached at 19:00 would be
 * let in at noon, a card refused on one EVSE accepted there after another EVSE accepted it), so it is
 * switched off and only the local list, whose entries expire at their window's end, decides offline.
 */
export function rulesNeedList(book: PolicyBook, site: SiteAccess): boolean {
  if (site.accessDefault === 'deny') return true
  for (const list of book.byOrganization.values()) {
    for (const { policy: p, windows } of list) {
      if (windows.length > 0 || p.validFrom !== null || p.validUntil !== null) return true
      if (p.holidays !== 'ignore' || p.monthlyKwhBudget !== null || p.effect === 'deny') return true
    }
  }
  return false
}

const ref = (component: string | undefined, variable: string): VariableRef =>
  component === undefined ? { variable } : { component, variable }

/**
 * The settings that make a charger's offline behaviour follow the rules: the local list on and used
 * offline, unknown ids refused offline, the online decision left to the CSMS (2.0.1 LocalPreAuthorize
 * off, so refusals are recorded with their explanation), and the authorization cache off when
 * {@link rulesNeedList}. With simple rules the cache is left as the charger has it.
 */
export function offlineSettings(protocol: OfflineProtocol, strict: boolean): VariableSetting[] {
  if (protocol === 'ocpp1.6') {
    const s: VariableSetting[] = [
      { variable: 'LocalAuthListEnabled', value: 'true' },
      { variable: 'LocalAuthorizeOffline', value: 'true' },
      { variable: 'AllowOfflineTxForUnknownId', value: 'false' },
    ]
    if (strict) s.push({ variable: 'AuthorizationCacheEnabled', value: 'false' })
    return s
  }
  const s: VariableSetting[] = [
    { component: 'LocalAuthListCtrlr', variable: 'Enabled', value: 'true' },
    { component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline', value: 'true' },
    { component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled', value: 'false' },
    { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', value: 'false' },
  ]
  if (strict) s.push({ component: 'AuthCacheCtrlr', variable: 'Enabled', value: 'false' })
  return s
}

/** What the service reads from a charger: the offline settings and the list's size limits. */
export function offlineReads(protocol: OfflineProtocol): VariableRef[] {
  const names = offlineSettings(protocol, true).map((s) => ref(s.component, s.variable))
  if (protocol === 'ocpp1.6') {
    return [...names, ref(undefined, 'LocalAuthListMaxLength'), ref(undefined, 'SendLocalListMaxLength')]
  }
  return [
    ...names,
    ref('LocalAuthListCtrlr', 'Entries'),
    ref('LocalAuthListCtrlr', 'ItemsPerMessage'),
    ref('LocalAuthListCtrlr', 'BytesPerMessage'),
  ]
}

/** A variable's key in a map of reported values: `component/variable`, or the 1.6 key alone. */
export const variableKey = (v: VariableRef): string =>
  v.component && v.component !== 'Configuration' ? `${v.component}/${v.variable}` : v.variable

/** The settings whose reported value differs (booleans compared without case); unknown values are set. */
export function settingsToChange(
  wanted: readonly VariableSetting[],
  reported: ReadonlyMap<string, string | null>,
): VariableSetting[] {
  return wanted.filter((s) => reported.get(variableKey(s))?.toLowerCase() !== s.value)
}

/** The limits a charger reported: total entries and per message (null: not reported). */
export interface ListLimits {
  maxEntries: number | null
  items: number | null
  bytes: number | null
}

const positive = (v: string | null | undefined): number | null => {
  const n = Number(v)
  return v != null && Number.isInteger(n) && n > 0 ? n : null
}

/**
 * The list limits from reported values. 1.6: `LocalAuthListMaxLength` (entries) and
 * `SendLocalListMaxLength` (per message). 2.0.1: `ItemsPerMessage` and `BytesPerMessage` per message;
 * the total is `LocalAuthListCtrlr.Entries`' maxLimit, which the service passes as `entriesMax` when
 * the charger's report gave it (the variable's value is the current count, not the capacity).
 */
export function listLimits(
  protocol: OfflineProtocol,
  reported: ReadonlyMap<string, string | null>,
  entriesMax: number | null = null,
): ListLimits {
  if (protocol === 'ocpp1.6') {
    return {
      maxEntries: positive(reported.get('LocalAuthListMaxLength')),
      items: positive(reported.get('SendLocalListMaxLength')),
      bytes: null,
    }
  }
  return {
    maxEntries: entriesMax,
    items: positive(reported.get('LocalAuthListCtrlr/ItemsPerMessage')),
    bytes: positive(reported.get('LocalAuthListCtrlr/BytesPerMessage')),
  }
}
