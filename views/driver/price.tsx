import type { Messages } from './messages'

/** The price before charging as a driver page shows it: the tariff in words, free, or refused. */
export type PriceView =
  | { kind: 'tariff'; text: string | null; lines: string[] }
  | { kind: 'free' }
  | { kind: 'refused' }

/** The price that would apply at a connector: the tariff's own text, then its elements in words. */
export function PriceBox(props: { price: PriceView; m: Messages; where?: string }) {
  const p = props.price
  return (
    <div class="driver-price">
      {props.where ? <h3 safe>{props.where}</h3> : ''}
      {p.kind === 'free' ? (
        <p safe>{props.m.now.free}</p>
      ) : p.kind === 'refused' ? (
        <p class="muted" safe>
          {props.m.now.refused}
        </p>
      ) : (
        <>
          {p.text ? <p safe>{p.text}</p> : ''}
          <ul>
            {p.lines.map((l) => (
              <li safe>{l}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
