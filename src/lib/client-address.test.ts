import { describe, expect, test } from 'bun:test'
import { addressKey, forwardedFor, RequestPeers, UNKNOWN_ADDRESS } from './client-address'

const request = (headers: Record<string, string>, url = 'http://csms.example/admin') =>
  new Request(url, { headers })

describe('client address', () => {
  test.each([
    ['203.0.113.9', 1, '203.0.113.9'],
    ['6.6.6.6, 203.0.113.9', 1, '203.0.113.9'],
    ['6.6.6.6, 203.0.113.9, 10.0.0.2', 2, '203.0.113.9'],
    ['203.0.113.9:4711', 1, '203.0.113.9'],
    ['[2001:db8::1]:443', 1, '2001:db8::1'],
    ['2001:db8::1', 1, '2001:db8::1'],
    ['203.0.113.9', 2, undefined],
    ['203.0.113.9', 0, undefined],
  ] as const)('X-Forwarded-For %p with %p trusted proxies → %p', (header, hops, expected) => {
    expect(forwardedFor(header, hops)).toBe(expected)
  })

  test.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%p counts as %p', (address, key) => {
    expect(addressKey(address)).toBe(key)
  })

  test('without trusted proxies the socket peer counts and forwarded headers are ignored', () => {
    const peers = new RequestPeers(0)
    const req = request({ 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' })
    peers.record(req, '198.51.100.7')
    expect(peers.address(req)).toBe('198.51.100.7')
    expect(peers.secure(req)).toBe(false)
    expect(peers.address(request({}))).toBe(UNKNOWN_ADDRESS)
  })

  test('behind a trusted proxy its X-Forwarded-For and X-Forwarded-Proto count', () => {
    const peers = new RequestPeers(1)
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'x-forwarded-proto': 'http, https' })
    peers.record(req, '10.0.0.2')
    expect(peers.address(req)).toBe('203.0.113.9')
    expect(peers.secure(req)).toBe(true)
    expect(peers.secure(request({ 'x-forwarded-proto': 'http' }))).toBe(false)
  })

  test('a request that came over TLS is secure whatever the headers say', () => {
    expect(new RequestPeers(0).secure(request({}, 'https://csms.example/admin'))).toBe(true)
  })
})
