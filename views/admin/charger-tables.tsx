import { Badge } from '../components'
import { formatAgo, formatDateTime, formatDuration, formatKwh } from '../format'
import type { ChargingNeedView, ConnectorView, DeviceVariableView, ReservationView } from './charger-models'
import type { MeterValueView, TransactionView } from './transaction-models'

/** A charger's log entry as shown. */
export interface EventItem {
  at: number
  kind: string
  payload: unknown
}

/** Each connector's status, its error if any, and since when. */
export function ConnectorsTable(props: { rows: ConnectorView[]; now: number }) {
  if (!props.rows.length) return <p class="muted">The charger has reported no connector yet.</p>
  return (
    <table>
      <thead>
        <tr>
          <th>EVSE</th>
          <th>Status</th>
          <th>Error</th>
          <th>Since</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((k) => (
          <tr>
            <td safe>
              {k.evseId === 0 ? 'station' : `${k.evseId}${k.connectorId > 1 ? `/${k.connectorId}` : ''}`}
            </td>
            <td>
              <Badge text={k.status} />
            </td>
            <td safe>
              {[k.errorCode === 'NoError' ? '' : k.errorCode, k.info, k.vendorErrorCode]
                .filter(Boolean)
                .join(' · ') || '—'}
            </td>
            <td class="muted" safe>
              {formatAgo(k.statusAt, props.now)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Transactions with energy and duration. */
export function TransactionsTable(props: { rows: TransactionView[]; now: number; showCharger?: boolean }) {
  if (!props.rows.length) return <p class="muted">No transactions yet.</p>
  return (
    <table>
      <thead>
        <tr>
          <th>#</th>
          {props.showCharger ? <th>Charger</th> : ''}
          <th>EVSE</th>
          <th>Token</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Energy</th>
          <th>Stop reason</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((t) => (
          <tr>
            <td>
              <a href={`/admin/transactions/${t.id}`}>{t.id}</a>
            </td>
            {props.showCharger ? (
              <td>
                <a href={`/admin/chargers/${encodeURIComponent(t.chargerId)}`} safe>
                  {t.chargerId}
                </a>
              </td>
            ) : (
              ''
            )}
            <td>{t.evseId}</td>
            <td safe>{t.idTag ?? '—'}</td>
            <td safe>{formatDateTime(t.startedAt)}</td>
            <td safe>{formatDuration((t.endedAt ?? props.now) - t.startedAt)}</td>
            <td safe>{formatKwh(t.energyWh)}</td>
            <td safe>{t.endedAt === null ? 'running' : (t.stopReason ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Sampled values, every attribute shown. */
export function MeterValuesTable(props: { rows: MeterValueView[] }) {
  if (!props.rows.length) return <p class="muted">No meter values yet.</p>
  return (
    <table class="dense">
      <thead>
        <tr>
          <th>Time</th>
          <th>Tx</th>
          <th>Measurand</th>
          <th>Phase</th>
          <th>Value</th>
          <th>Context</th>
          <th>Location</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m) => (
          <tr>
            <td safe>{formatDateTime(m.sampledAt)}</td>
            <td>{m.transactionId ?? '—'}</td>
            <td safe>{m.measurand}</td>
            <td safe>{m.phase ?? ''}</td>
            <td safe>{`${m.raw}${m.unit ? ` ${m.unit}` : ''}`}</td>
            <td safe>{m.context ?? ''}</td>
            <td safe>{m.location ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What the charger reported outside transactions, newest first. */
export function EventsTable(props: { events: EventItem[] }) {
  if (!props.events.length) return <p class="muted">Nothing reported yet.</p>
  return (
    <table class="dense">
      <tbody>
        {props.events.map((e) => (
          <tr>
            <td safe>{formatDateTime(e.at)}</td>
            <td safe>{e.kind}</td>
            <td class="mono" safe>
              {JSON.stringify(e.payload)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Device-model attributes (2.0.1) or configuration keys (1.6). */
export function VariablesTable(props: { rows: DeviceVariableView[] }) {
  if (!props.rows.length) return <p class="muted">Nothing read yet: use Commands → Configuration → Read.</p>
  return (
    <table class="dense">
      <thead>
        <tr>
          <th>Component</th>
          <th>Variable</th>
          <th>Value</th>
          <th>Access</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((v) => (
          <tr>
            <td safe>
              {[v.component, v.componentInstance, v.evseId >= 0 ? `EVSE ${v.evseId}` : '']
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td safe>
              {[v.variable, v.variableInstance, v.attributeType === 'Actual' ? '' : v.attributeType]
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td class="mono" safe>
              {v.value ?? ''}
            </td>
            <td safe>{v.mutability ?? ''}</td>
            <td class="muted" safe>
              {formatDateTime(v.updatedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What each EV said it needs: energy, departure, transfer mode. */
export function NeedsTable(props: { rows: ChargingNeedView[] }) {
  if (!props.rows.length) return <p class="muted">No EV has told its needs (OCPP 2.0.1 / ISO 15118).</p>
  return (
    <table class="dense">
      <tbody>
        {props.rows.map((n) => (
          <tr>
            <td safe>{`EVSE ${n.evseId}`}</td>
            <td safe>{formatKwh(n.energyWh)}</td>
            <td>{n.departureAt ? `leaves ${formatDateTime(n.departureAt)}` : 'no departure given'}</td>
            <td safe>{n.transferMode}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The charger's reservations and their state. */
export function ReservationsTable(props: { rows: ReservationView[] }) {
  if (!props.rows.length) return <p class="muted">No reservations.</p>
  return (
    <table class="dense">
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td safe>{`#${r.id}`}</td>
            <td safe>{r.idTag}</td>
            <td safe>{r.evseId === null ? 'any EVSE' : `EVSE ${r.evseId}`}</td>
            <td safe>{`until ${formatDateTime(r.expiresAt)}`}</td>
            <td>
              <Badge
                text={r.status}
                tone={r.status === 'Accepted' ? 'ok' : r.status === 'Used' ? 'busy' : 'off'}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
