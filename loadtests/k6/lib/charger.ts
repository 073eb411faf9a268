import { check } from 'k6'
import encoding from 'k6/encoding'
import ws from 'k6/ws'
import { bootAccepted, transactions } from './metrics.ts'
import { type Answerer, OcppSocket, type Payload } from './ocpp-socket.ts'

/** A transaction in progress on one connector. */
export interface Tx {
  connector: number
  /** The wire id: assigned by the CSMS (1.6) or by the charger (2.0.1). */
  id: string
  meterWh: number
  seqNo: number
  idTag: string
}

/** One OCPP version's messages, as the k6 charger sends them. */
export interface Version {
  protocol: 'ocpp1.6' | 'ocpp2.0.1'
  boot(chargerId: string): [string, object]
  status(connector: number, status: 'Available' | 'Charging'): [string, object]
  heartbeat(): [string, object]
  start(tx: Tx): [string, object]
  /** Reads the start's answer (1.6: the transaction id); false when the token is refused. */
  started(tx: Tx, payload: Payload): boolean
  meter(tx: Tx): [string, object]
  stop(tx: Tx): [string, object]
  answer: Answerer
}

/** How a k6 charger behaves (from the environment; see loadtests/README.md). */
export interface Behaviour {
  connectors: number
  heartbeatS: number
  /** Seconds between meter values while charging (also the pace of the whole life cycle). */
  meterS: number
  metersPerTx: number
  /** Idle periods (of `meterS`) between a stop and the next start. */
  idlePeriods: number
  idTag: string
  /** How long a VU keeps its connection before it reconnects (s). */
  sessionS: number
  password: string | undefined
}

/** The transaction life cycle of one charger, one step every `meterS` seconds. */
function lifeCycle(ocpp: OcppSocket, v: Version, b: Behaviour, chargerId: string): () => void {
  let tx: Tx | undefined
  let connector = 1
  let meters = 0
  let idle = Math.floor(Math.random() * (b.idlePeriods + 1))
  let meterWh = 1000
  return () => {
    if (!tx && idle-- > 0) return
    if (!tx) {
      const started: Tx = {
        connector,
        id: `${chargerId.slice(-20)}-${Date.now().toString(36)}`,
        meterWh,
        seqNo: 0,
        idTag: b.idTag,
      }
      tx = started
      meters = 0
      const [action, payload] = v.start(started)
      ocpp.call(action, payload, (answer) => v.started(started, answer))
      ocpp.call(...v.status(connector, 'Charging'))
      return
    }
    if (meters++ < b.metersPerTx) {
      tx.meterWh += 250
      ocpp.call(...v.meter(tx))
      return
    }
    meterWh = tx.meterWh
    ocpp.call(...v.stop(tx), () => {
      transactions.add(1)
      return true
    })
    ocpp.call(...v.status(connector, 'Available'))
    tx = undefined
    idle = b.idlePeriods
    connector = (connector % b.connectors) + 1
  }
}

/** Plays one charger for `sessionS` seconds: boot, statuses, heartbeats, transactions with meter values. */
export function runCharger(url: string, chargerId: string, v: Version, b: Behaviour): void {
  const headers: Record<string, string> = { 'Sec-WebSocket-Protocol': v.protocol }
  if (b.password) headers.Authorization = `Basic ${encoding.b64encode(`${chargerId}:${b.password}`)}`
  const res = ws.connect(`${url}/${chargerId}`, { headers, tags: { name: 'ocpp' } }, (socket) => {
    const ocpp = new OcppSocket(socket, v.answer)
    socket.on('open', () => {
      ocpp.call(...v.boot(chargerId), (answer) => {
        const accepted = answer.status === 'Accepted'
        bootAccepted.add(accepted)
        if (!accepted) socket.setTimeout(() => socket.close(), 10_000)
        else afterBoot(socket, ocpp, v, b, chargerId)
        return accepted
      })
    })
    socket.setTimeout(() => socket.close(), b.sessionS * 1000)
  })
  check(res, { 'WebSocket handshake 101': (r) => r !== null && r.status === 101 })
}

function afterBoot(socket: ws.Socket, ocpp: OcppSocket, v: Version, b: Behaviour, chargerId: string): void {
  for (let c = 1; c <= b.connectors; c++) ocpp.call(...v.status(c, 'Available'))
  socket.setInterval(() => ocpp.call(...v.heartbeat()), b.heartbeatS * 1000)
  socket.setInterval(lifeCycle(ocpp, v, b, chargerId), b.meterS * 1000)
}
