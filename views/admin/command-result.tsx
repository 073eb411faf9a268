import type { CommandOutcome } from '@src/domain/charger/commands'
import { Badge } from '../components'

const okStatuses = ['Accepted', 'Unlocked', 'Scheduled', 'RebootRequired']
const waitStatuses = ['Offline', 'Timeout', 'Busy']
const tone = (status: string) =>
  okStatuses.includes(status) ? 'ok' : waitStatuses.includes(status) ? 'warn' : 'bad'

/** The outcome of a command, as swapped into the panel. */
export function CommandResult(props: { label: string; outcome: CommandOutcome }) {
  const { outcome } = props
  const variables = outcome.data?.variables as
    | { component: string; variable: string; value?: string | null }[]
    | undefined
  const rest = outcome.data
    ? Object.fromEntries(
        Object.entries(outcome.data).filter(
          ([k]) =>
            !['variables', 'configurationKey', 'getVariableResult', 'setVariableResult', 'results'].includes(
              k,
            ),
        ),
      )
    : {}
  return (
    <div id="command-result" class="command-result" role="status">
      <strong safe>{props.label}</strong>: <Badge text={outcome.status} tone={tone(outcome.status)} />{' '}
      {outcome.detail ? (
        <span class="muted" safe>
          {outcome.detail}
        </span>
      ) : (
        ''
      )}
      {variables?.length ? (
        <table class="dense">
          <tbody>
            {variables.map((v) => (
              <tr>
                <td safe>{v.component === 'Configuration' ? v.variable : `${v.component}.${v.variable}`}</td>
                <td class="mono" safe>
                  {v.value ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      {Object.keys(rest).length ? (
        <pre class="mono" safe>
          {JSON.stringify(rest, null, 1)}
        </pre>
      ) : (
        ''
      )}
    </div>
  )
}
