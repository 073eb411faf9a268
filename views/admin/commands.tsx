import type { ConnectorView, ReservationView } from './charger-models'
import {
  CertificatesGroup,
  ChargingGroup,
  ConfigurationGroup,
  MaintenanceGroup,
  SmartChargingGroup,
  StationGroup,
} from './command-groups'
import type { TransactionView } from './transaction-models'

export { CommandResult } from './command-result'

/** What the command groups render with. */
export interface PanelKit {
  form: (name: string, button: string, children?: JSX.Element) => JSX.Element
  evseOptions: JSX.Element[]
  options: (values: string[], selected?: string) => JSX.Element[]
  v201: boolean
  active: TransactionView[]
  reservations: ReservationView[]
}

/** What the commands panel needs to know of the charger. */
export interface PanelProps {
  chargerId: string
  protocol: string | null
  connectors: ConnectorView[]
  active: TransactionView[]
  reservations: ReservationView[]
}

const options = (values: string[], selected?: string) =>
  values.map((v) => (
    <option value={v} selected={v === selected} safe>
      {v}
    </option>
  ))

/** Remote commands, grouped. Each form posts one command; the outcome appears at the top of the panel. */
export function CommandsPanel(props: PanelProps) {
  const action = `/admin/chargers/${encodeURIComponent(props.chargerId)}/commands`
  const evses = [...new Set(props.connectors.map((c) => c.evseId).filter((e) => e > 0))]
  const evseOptions = (evses.length ? evses : [1]).map((e) => (
    <option value={String(e)} safe>{`EVSE ${e}`}</option>
  ))
  const v201 = props.protocol === 'ocpp2.0.1'
  const form = (name: string, button: string, children: JSX.Element = '') => (
    <form
      hx-post={action}
      hx-target="#command-result"
      hx-swap="outerHTML"
      hx-disabled-elt="find button"
      class="command"
      data-command={name}
    >
      <input type="hidden" name="type" value={name} />
      {children}
      <button type="submit" safe>
        {button}
      </button>
    </form>
  )
  const kit: PanelKit = {
    form,
    evseOptions,
    options,
    v201,
    active: props.active,
    reservations: props.reservations,
  }
  return (
    <section class="card" id="commands">
      <h2>Commands</h2>
      <div id="command-result" />
      <ChargingGroup {...kit} />
      <StationGroup {...kit} />
      <ConfigurationGroup {...kit} />
      <SmartChargingGroup {...kit} />
      <MaintenanceGroup {...kit} />
      <CertificatesGroup {...kit} />
    </section>
  )
}
