import type { Server } from 'bun'

/**
 * The fixed CALLRESULT payload of the echo server: it satisfies every check the fleet makes of an
 * answer (boot Accepted, a transaction id, tokens Accepted), so the same fleet runs against both.
 */
const FIXED = JSON.stringify({
  status: 'Accepted',
  currentTime: '2026-01-01T00:00:00.000Z',
  interval: 300,
  transactionId: 1,
  idTagInfo: { status: 'Accepted' },
  idTokenInfo: { status: 'Accepted' },
})

/**
 * A raw Bun WebSocket server on `/ocpp/{id}` that answers each CALL with a fixed CALLRESULT (no
 * parsing, no validation, no storage): the ceiling the CSMS's throughput is compared with.
 */
export function startEchoServer(port: number, hostname: string): Server<undefined> {
  return Bun.serve({
    port,
    hostname,
    fetch(req, server) {
      const offered = req.headers.get('sec-websocket-protocol')?.split(',')[0]?.trim()
      const headers = offered ? { 'Sec-WebSocket-Protocol': offered } : undefined
      if (server.upgrade(req, { data: undefined, ...(headers ? { headers } : {}) })) return undefined
      return new Response('WebSocket only', { status: 400 })
    },
    websocket: {
      idleTimeout: 180,
      sendPings: true,
      perMessageDeflate: false,
      message(ws, message) {
        const text = String(message)
        if (text.charCodeAt(1) !== 50) return
        const start = text.indexOf('"') + 1
        ws.send(`[3,"${text.slice(start, text.indexOf('"', start))}",${FIXED}]`)
      },
    },
  })
}
