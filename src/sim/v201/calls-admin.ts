import { createHash } from 'node:crypto'
import { sleep } from '@src/lib/clock'
import type {
  CertificateHashDataType,
  GetInstalledCertificateIdsRequest,
  GetInstalledCertificateIdsResponse,
  ReserveNowRequest,
  ReserveNowResponse,
  UpdateFirmwareRequest,
  UpdateFirmwareResponse,
} from '@src/ocpp/v201/generated/messages'
import type { SimConnector } from '../sim-connector'
import { type Handlers201, later } from './call-kit'
import type { Certificate201, Sim201 } from './station'

/** Simulated ms each step of an upload or a firmware update takes. */
const STEP_MS = 2000

/** Diagnostics, firmware, reservations and certificates (blocks A, H, L, N of 2.0.1). */
export const adminHandlers: Handlers201 = {
  GetLog: (s, req) => {
    later(s, async () => {
      await s.st.link.send('LogStatusNotification', { status: 'Uploading', requestId: req.requestId })
      await sleep(s.st.clock, STEP_MS)
      await s.st.link.send('LogStatusNotification', { status: 'Uploaded', requestId: req.requestId })
    })
    return { status: 'Accepted', filename: `${s.st.id}-${req.logType}-${req.requestId}.log` }
  },
  UpdateFirmware: updateFirmware,
  ReserveNow: reserveNow,
  CancelReservation: (s, req) => {
    const r = s.reservations.get(req.reservationId)
    if (!r) return { status: 'Rejected' }
    s.st.clock.clearTimeout(r.timer)
    s.reservations.delete(r.id)
    reportEvse(s, r.evseId)
    return { status: 'Accepted' }
  },
  CertificateSigned: (_s, req) => ({
    status: isPem(req.certificateChain, 'CERTIFICATE') ? 'Accepted' : 'Rejected',
  }),
  InstallCertificate: (s, req) => {
    if (!isPem(req.certificate, 'CERTIFICATE')) return { status: 'Rejected' }
    const hash = hashData(req.certificate)
    if (!s.certificates.some((c) => c.hash.serialNumber === hash.serialNumber))
      s.certificates.push({ certificateType: req.certificateType, pem: req.certificate, hash })
    return { status: 'Accepted' }
  },
  GetInstalledCertificateIds: installedIds,
  DeleteCertificate: (s, req) => {
    const i = s.certificates.findIndex((c) => sameHash(c.hash, req.certificateHashData))
    if (i < 0) return { status: 'NotFound' }
    s.certificates.splice(i, 1)
    return { status: 'Accepted' }
  },
}

/** Downloading → Downloaded (→ SignatureVerified) → Installing → Installed, from the retrieve time on. */
function updateFirmware(s: Sim201, req: UpdateFirmwareRequest): UpdateFirmwareResponse {
  const fw = req.firmware
  const requestId = req.requestId
  const steps = [
    'Downloading',
    'Downloaded',
    ...(fw.signature ? ['SignatureVerified' as const] : []),
    'Installing',
    'Installed',
  ] as const
  later(s, async () => {
    const wait = Date.parse(fw.retrieveDateTime) - s.st.clock.now()
    if (wait > 0) {
      await s.st.link.send('FirmwareStatusNotification', { status: 'DownloadScheduled', requestId })
      await sleep(s.st.clock, wait)
    }
    for (const status of steps) {
      await s.st.link.send('FirmwareStatusNotification', { status, requestId })
      if (status !== 'Installed') await sleep(s.st.clock, STEP_MS)
    }
  })
  return { status: 'Accepted' }
}

/** Reserves the named EVSE (or a free one): Reserved until used by the token, cancelled, or expired. */
function reserveNow(s: Sim201, req: ReserveNowRequest): ReserveNowResponse {
  if (!s.dm.bool({ component: 'ReservationCtrlr', variable: 'Enabled' })) return { status: 'Rejected' }
  const previous = s.reservations.get(req.id)
  const c = req.evseId === undefined ? pickFree(s, req.id) : s.st.connector(req.evseId)
  if (!c) return { status: req.evseId === undefined ? 'Occupied' : 'Rejected' }
  if (!c.operative) return { status: 'Unavailable' }
  const other = s.reservationOn(c.id)
  if (c.ev || c.tx || (other && other.id !== req.id)) return { status: 'Occupied' }
  if (previous) s.st.clock.clearTimeout(previous.timer)
  const expiresAt = Date.parse(req.expiryDateTime)
  const timer = s.st.clock.setTimeout(() => expire(s, req.id), Math.max(0, expiresAt - s.st.clock.now()))
  s.reservations.set(req.id, { id: req.id, evseId: c.id, idToken: req.idToken.idToken, expiresAt, timer })
  later(s, () => {
    if (previous && previous.evseId !== c.id) reportEvse(s, previous.evseId)
    reportEvse(s, c.id)
  })
  return { status: 'Accepted' }
}

function pickFree(s: Sim201, reservationId: number): SimConnector | undefined {
  return s.st.connectors.find(
    (c) => c.free && !c.ev && (s.reservationOn(c.id)?.id ?? reservationId) === reservationId,
  )
}

function expire(s: Sim201, id: number): void {
  const r = s.reservations.get(id)
  if (!r) return
  s.reservations.delete(id)
  void s.st.link.send('ReservationStatusUpdate', { reservationId: id, reservationUpdateStatus: 'Expired' })
  reportEvse(s, r.evseId)
}

function reportEvse(s: Sim201, evseId: number): void {
  const c = s.st.connector(evseId)
  if (c) s.connectorStatus(c, c.status(), s.st.clock.now(), false)
}

function installedIds(s: Sim201, req: GetInstalledCertificateIdsRequest): GetInstalledCertificateIdsResponse {
  const types = req.certificateType
  const found = s.certificates.filter((c) => !types || types.includes(c.certificateType))
  if (found.length === 0) return { status: 'NotFound' }
  return {
    status: 'Accepted',
    certificateHashDataChain: found.map((c) => ({
      certificateType: c.certificateType,
      certificateHashData: c.hash,
    })),
  }
}

function isPem(text: string, label: string): boolean {
  return text.includes(`-----BEGIN ${label}-----`) && text.includes(`-----END ${label}-----`)
}

/** Hash data naming a certificate (simulated: derived from its text, stable per certificate). */
function hashData(pem: string): Certificate201['hash'] {
  const h = (salt: string) => createHash('sha256').update(`${salt}:${pem}`).digest('hex')
  return {
    hashAlgorithm: 'SHA256',
    issuerNameHash: h('issuer'),
    issuerKeyHash: h('key'),
    serialNumber: h('serial').slice(0, 20),
  }
}

function sameHash(a: CertificateHashDataType, b: CertificateHashDataType): boolean {
  return (
    a.serialNumber === b.serialNumber &&
    a.issuerNameHash === b.issuerNameHash &&
    a.issuerKeyHash === b.issuerKeyHash
  )
}
