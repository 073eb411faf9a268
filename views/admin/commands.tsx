import type { ConnectorRow } from '@src/db/repos/chargers'
import type { TransactionRow } from '@src/db/repos/transactions'
import type { CommandOutcome } from '@src/domain/charger/commands'
import { Badge } from '../components'

const tone = (status: string) =>
  ['Accepted', 'Unlocked', 'Scheduled'].includes(status)
    ? 'ok'
    : ['Offline', 'Timeout', 'Busy'].includes(status)
      ? 'warn'
      : 'bad'

/** The outcome of a command, as swapped into the panel. */
export function CommandResult(props: { label: string; outcome: CommandOutcome }) {
  const { outcome } = props
  const keys = outcome.data?.configurationKey as
    | { key: string; value?: string; readonly: boolean }[]
    | undefined
  return (
    <div id="command-result" class="command-result" role="status">
      <span safe>{props.label}</span>: <Badge text={outcome.status} tone={tone(outcome.status)} />
      {outcome.detail ? (
        <span class="muted" safe>
          {outcome.detail}
        </span>
      ) : (
        ''
      )}
      {keys ? (
        <table class="dense">
          <tbody>
            {keys.map((k) => (
              <tr>
                <td safe>{k.key}</td>
                <td class="mono" safe>
                  {k.value ?? ''}
                </td>
                <td class="muted">{k.readonly ? 'read-only' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </div>
  )
}

interface PanelProps {
  chargerId: string
  connectors: ConnectorRow[]
  active: TransactionRow[]
}

/** Remote commands. Each form posts a command; the outcome appears under the panel. */
export function CommandsPanel(props: PanelProps) {
  const action = `/admin/chargers/${encodeURIComponent(props.chargerId)}/commands`
  const evses = [...new Set(props.connectors.map((c) => c.evseId).filter((e) => e > 0))]
  const evseOptions = (evses.length ? evses : [1]).map((e) => (
    <option value={String(e)}>{`EVSE ${e}`}</option>
  ))
  const form = (name: string, children: JSX.Element, button: string) => (
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
      <button type="submit">{button}</button>
    </form>
  )
  return (
    <section class="card" id="commands">
      <h2>Commands</h2>
      {form(
        'remoteStart',
        <>
          <input name="idTag" placeholder="Token id" required maxlength="36" />
          <select name="evseId">{evseOptions}</select>
        </>,
        'Remote start',
      )}
      {props.active.length
        ? form(
            'remoteStop',
            <select name="transactionId" required>
              {props.active.map((t) => (
                <option value={String(t.id)}>{`Transaction ${t.id} (EVSE ${t.evseId})`}</option>
              ))}
            </select>,
            'Remote stop',
          )
        : ''}
      {form('unlock', <select name="evseId">{evseOptions}</select>, 'Unlock')}
      {form(
        'reset',
        <select name="kind">
          <option value="Soft">Soft</option>
          <option value="Hard">Hard</option>
        </select>,
        'Reset',
      )}
      {form(
        'changeAvailability',
        <>
          <select name="evseId">
            <option value="0">Whole station</option>
            {evseOptions}
          </select>
          <select name="operative">
            <option value="true">Operative</option>
            <option value="false">Inoperative</option>
          </select>
        </>,
        'Set availability',
      )}
      {form(
        'triggerMessage',
        <select name="message">
          {[
            'StatusNotification',
            'Heartbeat',
            'MeterValues',
            'BootNotification',
            'FirmwareStatusNotification',
            'DiagnosticsStatusNotification',
          ].map((m) => (
            <option value={m}>{m}</option>
          ))}
        </select>,
        'Trigger',
      )}
      {form('getConfiguration', '', 'Read configuration')}
      {form(
        'changeConfiguration',
        <>
          <input name="key" placeholder="Key" required maxlength="50" />
          <input name="value" placeholder="Value" maxlength="500" />
        </>,
        'Change configuration',
      )}
      {form('clearCache', '', 'Clear authorisation cache')}
      <div id="command-result" />
    </section>
  )
}
