import type { EnergyMargin } from '@src/domain/energy-cost/margin'

/** One month of a site's energy margin, as text ready to show (money in the tariff's currency). */
export type MarginMonthView = { month: string } & Pick<
  EnergyMargin,
  | 'currency'
  | 'energyKwh'
  | 'energyCost'
  | 'energyFee'
  | 'effectFee'
  | 'cost'
  | 'revenue'
  | 'margin'
  | 'sessions'
>

/** The energy margin card: the last months, or why there are none (no grid tariff, no spot prices). */
export interface EnergyMarginProps {
  months: MarginMonthView[]
  note: string | null
}

/**
 * What the property paid for the charging energy (energy, the grid's energy fee, its effect fee on the
 * charging's peak) against what the drivers paid (CDRs excl. VAT), per month, newest first.
 */
export function EnergyMarginCard(props: EnergyMarginProps) {
  return (
    <section class="card" id="energy-margin">
      <h2>Energy cost and margin</h2>
      <p class="muted small">
        Per month in the site's zone, excl. VAT: the charging energy at the grid tariff's price and fees,
        against the CDRs of sessions that ended in the month.
      </p>
      {props.note === null ? (
        ''
      ) : (
        <p class="muted" safe>
          {props.note}
        </p>
      )}
      {props.months.length === 0 ? (
        ''
      ) : (
        <table class="dense energy-margin">
          <thead>
            <tr>
              <th>Month</th>
              <th class="num">kWh</th>
              <th class="num">Energy</th>
              <th class="num">Grid fee</th>
              <th class="num">Effect fee</th>
              <th class="num">Cost</th>
              <th class="num">Drivers paid</th>
              <th class="num">Margin</th>
              <th class="num">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {props.months.map((m) => (
              <tr>
                <td safe>{m.month}</td>
                <td class="num" safe>
                  {m.energyKwh}
                </td>
                <td class="num" safe>
                  {m.energyCost}
                </td>
                <td class="num" safe>
                  {m.energyFee}
                </td>
                <td class="num" safe>
                  {m.effectFee}
                </td>
                <td class="num" safe>{`${m.cost} ${m.currency}`}</td>
                <td class="num" safe>{`${m.revenue} ${m.currency}`}</td>
                <td
                  class={`num ${m.margin.startsWith('-') ? 'error' : ''}`}
                  safe
                >{`${m.margin} ${m.currency}`}</td>
                <td class="num" safe>
                  {String(m.sessions)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
