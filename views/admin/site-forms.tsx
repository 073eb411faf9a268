import type { Site, SiteConfig } from '@src/domain/site/site-config'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { Field, type FormState, Notice } from '../components'
import { siteHref, swapConfig } from './site-actions'
import { CircuitsCard } from './site-circuits'
import { ConnectorsCard } from './site-connectors'

/** The editable part of a site page; every form in it swaps the whole section. */
export interface SiteConfigProps {
  config: SiteConfig
  /** Registered charger ids, offered when assigning a connector. */
  chargerIds: string[]
  /** What is wrong with the configuration (the loop cannot run it as is). */
  problems: string[]
  /** The current chargers fall back to without the CSMS, as the configuration stands. */
  failSafeA: number
  settings?: FormState
  circuit?: FormState
  connector?: FormState
}

/** The site's settings as form values. */
export function siteValues(s: Site): Record<string, string> {
  const text = (v: string | number | null) => (v === null ? '' : String(v))
  return {
    name: s.name,
    timeZone: s.timeZone,
    voltageV: text(s.voltageV),
    phases: text(s.phases),
    mainFuseA: text(s.mainFuseA),
    safetyMarginA: text(s.safetyMarginA),
    buildingMaxA: text(s.buildingMaxA),
    buildingMeter: s.buildingMeter,
    buildingMeterChargerId: text(s.buildingMeterChargerId),
    peakTargetKw: text(s.peakTargetKw),
    loopIntervalMs: text(s.loopIntervalMs),
    failSafeA: text(s.failSafeA),
    objective: s.objective,
    // caps
    accessDefault: s.accessDefault,
    holidays: s.holidays.join('\n'),
  }
}

/** Settings, circuits, connectors, problems and deletion of a site. */
export function SiteConfigSection(props: SiteConfigProps) {
  const id = props.config.site.id
  return (
    <div id="site-config">
      {props.problems.length ? (
        <section class="card" id="config-problems">
          <h2>Configuration problems</h2>
          <ul>
            {props.problems.map((p) => (
              <li class="error" safe>
                {p}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <div class="grid two">
        <SettingsForm {...props} />
        <div>
          <CircuitsCard config={props.config} form={props.circuit ?? { values: {}, errors: {} }} />
          <ConnectorsCard
            config={props.config}
            chargerIds={props.chargerIds}
            form={props.connector ?? { values: {}, errors: {} }}
          />
        </div>
      </div>
      <section class="card">
        <h2>Delete this site</h2>
        <form
          {...swapConfig(siteHref(id, '/delete'))}
          hx-confirm="Delete this site, its circuits and connector assignments?"
        >
          <button type="submit">Delete site</button>
        </form>
      </section>
    </div>
  )
}

type Fields = { v: Record<string, string>; e: Record<string, string> }

/** The site's IANA time zone: departures, monthly peaks and the times shown are in its local time. */
export function TimeZoneField({ v, e }: Fields) {
  return (
    <Field
      label="Time zone"
      name="timeZone"
      error={e.timeZone}
      hint="IANA name, e.g. Europe/Stockholm: departures, monthly peaks and times are local to it"
    >
      <input name="timeZone" value={v.timeZone ?? DEFAULT_TIME_ZONE} maxlength="64" size="18" />
    </Field>
  )
}

/** A numeric setting with its label, message and hint. */
function NumberField(props: Fields & { name: string; label: string; hint?: string }) {
  return (
    <Field label={props.label} name={props.name} error={props.e[props.name]} hint={props.hint}>
      <input name={props.name} value={props.v[props.name] ?? ''} inputmode="decimal" size="8" />
    </Field>
  )
}

const METERS = [
  ['none', 'none (assume the worst)'],
  ['http', 'posted over HTTP'],
  ['ocpp', 'a meter connected as a charger'],
] as const

/** How the building's own load is known. */
function MeterFields({ v, e }: Fields) {
  return (
    <>
      <Field label="Building meter" name="buildingMeter" error={e.buildingMeter}>
        <select name="buildingMeter">
          {METERS.map(([value, label]) => (
            <option value={value} selected={(v.buildingMeter ?? 'none') === value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Meter's charger id"
        name="buildingMeterChargerId"
        error={e.buildingMeterChargerId}
        hint="for a meter connected as a charger"
      >
        <input name="buildingMeterChargerId" value={v.buildingMeterChargerId ?? ''} maxlength="48" />
      </Field>
      <NumberField
        v={v}
        e={e}
        name="buildingMaxA"
        label="Building's most (A per phase)"
        hint="assumed when the meter is stale; empty: the whole fuse"
      />
    </>
  )
}

/** Each objective with what it does for the drivers, in one line. */
const OBJECTIVE_OPTIONS = [
  [
    'vehicles',
    'Most cars finished',
    'as many cars as possible leave with all they asked for; the rest share what is left',
  ],
  ['fair', 'Fair shares', 'every car that cannot be finished gets the same share of what it asked for'],
  ['energy', 'Most energy', 'the cars that leave soonest first, for the most kWh overall'],
] as const

/** What the loop optimises when the fuse cannot give every car its need by its departure. */
function ObjectiveField({ v, e }: Fields) {
  const chosen = v.objective ?? 'vehicles'
  return (
    <Field
      label="When not every car can finish"
      name="objective"
      error={e.objective}
      hint="only matters when the fuse cannot give every car what it needs by its departure"
    >
      <select name="objective">
        {OBJECTIVE_OPTIONS.map(([value, label]) => (
          <option value={value} selected={chosen === value}>
            {label}
          </option>
        ))}
      </select>
      <ul class="hint objective-options">
        {OBJECTIVE_OPTIONS.map(([value, label, what]) => (
          <li class={chosen === value ? 'chosen' : ''}>
            <strong>{label}</strong>: {what}
          </li>
        ))}
      </ul>
    </Field>
  )
}

/** caps: who may charge when no access policy decides. */
const ACCESS_DEFAULT_OPTIONS = [
  ['allowAccepted', 'any accepted card'],
  ['deny', 'nobody (only what a policy allows)'],
] as const

/** caps: the site's access default and its holidays (one date per line, or separated by commas). */
function AccessFields({ v, e }: Fields) {
  const chosen = v.accessDefault ?? 'allowAccepted'
  return (
    <>
      <Field
        label="When no access policy decides"
        name="accessDefault"
        error={e.accessDefault}
        hint="the site's default; its chargers' local lists follow it"
      >
        <select name="accessDefault">
          {ACCESS_DEFAULT_OPTIONS.map(([value, label]) => (
            <option value={value} selected={chosen === value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Holidays"
        name="holidays"
        error={e.holidays}
        hint="local dates like 2026-12-24, one per line or separated by commas; policies may exclude them or apply only on them"
      >
        <textarea name="holidays" rows="4" cols="14" safe>
          {v.holidays ?? ''}
        </textarea>
      </Field>
    </>
  )
}

/** A site's settings. Empty optional fields mean: not set. */
export function SettingsForm(props: SiteConfigProps) {
  const form = props.settings ?? { values: siteValues(props.config.site), errors: {} }
  const f = { v: form.values, e: form.errors }
  return (
    <section class="card" id="site-settings">
      <h2>Settings</h2>
      {form.notice ? <Notice tone="ok" text={form.notice} /> : ''}
      <form {...swapConfig(siteHref(props.config.site.id, '/settings'))}>
        <Field label="Name" name="name" error={f.e.name}>
          <input name="name" value={f.v.name ?? ''} required maxlength="100" />
        </Field>
        <TimeZoneField {...f} />
        <div class="grid two">
          <NumberField {...f} name="mainFuseA" label="Main fuse (A per phase)" />
          <Field label="Phases" name="phases" error={f.e.phases}>
            <select name="phases">
              <option value="3" selected={(f.v.phases ?? '3') === '3'}>
                three
              </option>
              <option value="1" selected={f.v.phases === '1'}>
                one
              </option>
            </select>
          </Field>
          <NumberField {...f} name="voltageV" label="Voltage (V, phase to neutral)" />
          <NumberField {...f} name="safetyMarginA" label="Safety margin (A)" hint="kept free on every fuse" />
          <MeterFields {...f} />
          <NumberField
            {...f}
            name="peakTargetKw"
            label="Monthly peak target (kW)"
            hint="empty: no peak control"
          />
          <NumberField {...f} name="loopIntervalMs" label="Loop interval (ms)" hint="at least 100" />
          <NumberField
            {...f}
            name="failSafeA"
            label="Fail-safe current (A)"
            hint={`empty: computed, now ${props.failSafeA} A`}
          />
        </div>
        <ObjectiveField {...f} />
        <AccessFields {...f} />
        <button type="submit" class="primary">
          Save settings
        </button>
      </form>
    </section>
  )
}
