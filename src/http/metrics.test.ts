import { describe, expect, test } from 'bun:test'
import { startTestNode } from '@src/testing/node'

const KEY = 'metrics-key-0123456789'
const scrape = (base: string, key?: string) =>
  fetch(`${base}/metrics`, key ? { headers: { authorization: `Bearer ${key}` } } : {})

describe('/metrics', () => {
  test('is off by default: the main port says how to turn it on', async () => {
    const node = await startTestNode()
    const res = await scrape(node.url)
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('CSMS_METRICS_KEY')
    expect(node.metricsUrl).toBeUndefined()
    await node.dispose()
  })

  test('with CSMS_METRICS_KEY it needs the bearer key, and then speaks Prometheus', async () => {
    const node = await startTestNode({ CSMS_METRICS_KEY: KEY })
    expect((await scrape(node.url)).status).toBe(401)
    expect((await scrape(node.url, 'wrong-key-0123456789xx')).status).toBe(401)
    const res = await scrape(node.url, KEY)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await res.text()
    expect(text).toContain('# TYPE ocpp_connections gauge')
    expect(text).toContain('db_commit_seconds_count')
    await node.dispose()
  })

  test('with CSMS_METRICS_LISTEN it is served on that address only', async () => {
    const node = await startTestNode({ CSMS_METRICS_LISTEN: '127.0.0.1:0' })
    expect((await scrape(node.url)).status).toBe(404)
    const res = await scrape(node.metricsUrl!)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('ocpp_handshakes_refused_total')
    expect((await fetch(`${node.metricsUrl}/health`)).status).toBe(404)
    await node.dispose()
  })

  test('with both, the listener asks for the key too', async () => {
    const node = await startTestNode({ CSMS_METRICS_LISTEN: '127.0.0.1:0', CSMS_METRICS_KEY: KEY })
    expect((await scrape(node.metricsUrl!)).status).toBe(401)
    expect((await scrape(node.metricsUrl!, KEY)).status).toBe(200)
    expect((await scrape(node.url, KEY)).status).toBe(200)
    await node.dispose()
  })
})
