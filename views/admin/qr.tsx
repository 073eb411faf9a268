import { Layout } from '../layout'

/** One connector's QR code: an SVG (made server-side) and the address it encodes. */
export interface QrItem {
  evseId: number
  url: string
  svg: string
}

/**
 * A printable page of QR codes, one per EVSE of a charger: a driver scans it to reach the driver page
 * (set a departure time, follow the charge).
 */
export function QrPage(props: { operator: string; chargerId: string; items: QrItem[] }) {
  return (
    <Layout title={`QR codes · ${props.chargerId}`} operator={props.operator} active="chargers">
      <p class="crumbs">
        <a href={`/admin/chargers/${encodeURIComponent(props.chargerId)}`} safe>
          {props.chargerId}
        </a>{' '}
        /
      </p>
      <h1>Driver QR codes</h1>
      <p class="muted">
        Print and stick one on each connector. Scanning it opens the session on that connector.
      </p>
      <div class="qr-grid">
        {props.items.map((q) => (
          <figure class="qr">
            {/* markup the qrcode library drew from our own URL (never user text): inserted as is */}
            {q.svg as 'safe'}
            <figcaption>
              <strong safe>{`${props.chargerId} · EVSE ${q.evseId}`}</strong>
              <div class="mono small" safe>
                {q.url}
              </div>
            </figcaption>
          </figure>
        ))}
      </div>
    </Layout>
  )
}
