import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../src/lib/addresses.js';
import { parseOrigin, UrlPolicy } from '../src/lib/url-policy.js';

const policy = (options: Partial<ConstructorParameters<typeof UrlPolicy>[0]> = {}) =>
  new UrlPolicy({
    allowedOrigins: [],
    blockedOrigins: [],
    allowPrivateNetwork: false,
    allowFileUrls: false,
    roots: [],
    ...options,
  });

const nav = (p: UrlPolicy, url: string) => {
  const verdict = p.checkNavigation(new URL(url));
  return verdict.ok ? 'ok' : verdict.rule;
};

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'private'],
    ['fc00::1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:7f00:1::', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });
});

describe('navigation under the default policy', () => {
  const p = policy();
  it.each([
    ['http://127.0.0.1/', /loopback/],
    ['http://2130706433/', /loopback/], // decimal
    ['http://0x7f000001/', /loopback/], // hex
    ['http://0177.0.0.1/', /loopback/], // octal
    ['http://127.1/', /loopback/], // short form
    ['http://[::1]:8080/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/], // IPv4-mapped IPv6
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://2852039166/', /link-local/], // 169.254.169.254 in decimal
    ['http://0xa9.0xfe.0xa9.0xfe/', /link-local/],
    ['http://[::ffff:a9fe:a9fe]/', /link-local/],
    ['http://[fd00:ec2::254]/', /private/],
    ['http://10.0.0.1/', /private/],
    ['http://192.168.0.1:8443/', /private/],
    ['http://0.0.0.0:3000/', /unspecified/],
    ['http://0/', /unspecified/],
    ['http://224.0.0.251/', /multicast/],
    ['file:///etc/passwd', /file: URLs are refused/],
    ['chrome://settings', /chrome: URLs are refused/],
    ['view-source:https://example.com/', /view-source: URLs are refused/],
    ['javascript:alert(1)', /javascript: URLs are refused/],
    ['data:text/html,<h1>x</h1>', /data: URLs are refused/],
    ['ftp://example.com/', /ftp: URLs are refused/],
    ['about:config', /about: URLs are refused/],
  ])('refuses %s', (url, rule) => {
    expect(nav(p, url)).toMatch(rule);
  });

  it.each(['https://example.com/', 'http://8.8.8.8/', 'wss://example.org/socket', 'about:blank'])(
    'allows %s',
    (url) => {
      expect(nav(p, url)).toBe('ok');
    },
  );

  it('names a refused address and the flag that would allow it', () => {
    const verdict = p.checkNavigation(new URL('http://127.0.0.1:9/'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.fix).toMatch(/--allowed-origins.*--allow-private-network/);
    if (!verdict.ok)
      expect(verdict.rule).toBe('127.0.0.1 is one of the loopback addresses, which are refused by default');
    const resolved = p.checkAddress('10.1.2.3', 'http', 'intranet.test', 80);
    if (!resolved.ok)
      expect(resolved.rule).toBe(
        'intranet.test:80 resolves to 10.1.2.3, which is one of the private network addresses, which are refused by default',
      );
    expect(resolved.ok).toBe(false);
  });
});

describe('origin lists', () => {
  it('with --allowed-origins nothing else is reachable, and a listed loopback origin is', () => {
    const p = policy({ allowedOrigins: ['http://127.0.0.1:8080', 'https://*.example.org'] });
    expect(nav(p, 'http://127.0.0.1:8080/x')).toBe('ok');
    expect(nav(p, 'http://2130706433:8080/x')).toBe('ok'); // same address, another spelling
    expect(nav(p, 'http://127.0.0.1:8081/')).toMatch(/not in --allowed-origins/);
    expect(nav(p, 'https://127.0.0.1:8080/')).toMatch(/not in --allowed-origins/);
    expect(nav(p, 'https://a.example.org/')).toBe('ok');
    expect(nav(p, 'https://a.b.example.org/')).toBe('ok');
    expect(nav(p, 'https://example.org/')).toBe('ok');
    expect(nav(p, 'https://evilexample.org/')).toMatch(/not in --allowed-origins/);
    expect(nav(p, 'http://a.example.org/')).toMatch(/not in --allowed-origins/);
    expect(nav(p, 'https://example.com/')).toMatch(/not in --allowed-origins/);
  });

  it('a wildcard origin does not vouch for private addresses it resolves to', () => {
    const p = policy({ allowedOrigins: ['https://*.example.org', 'http://intranet.test:8080'] });
    expect(p.checkAddress('10.0.0.5', 'https', 'x.example.org', 443).ok).toBe(false);
    expect(p.checkAddress('93.184.216.34', 'https', 'x.example.org', 443).ok).toBe(true);
    // An exact origin is the operator naming that host: allowed wherever it resolves.
    expect(p.checkAddress('10.0.0.5', 'http', 'intranet.test', 8080).ok).toBe(true);
  });

  it('--blocked-origins wins over everything', () => {
    const p = policy({
      blockedOrigins: ['https://*.bad.example', 'http://8.8.8.8'],
      allowPrivateNetwork: true,
    });
    expect(nav(p, 'https://x.bad.example/')).toMatch(/--blocked-origins/);
    expect(nav(p, 'http://8.8.8.8/')).toMatch(/--blocked-origins/);
    expect(nav(p, 'http://8.8.4.4/')).toBe('ok');
    expect(nav(p, 'http://127.0.0.1/')).toBe('ok'); // --allow-private-network
  });

  it('a tunnel (scheme unknown) matches origins of either scheme on their port', () => {
    const p = policy({ allowedOrigins: ['http://127.0.0.1:8080', 'https://example.com'] });
    expect(p.checkOrigin(undefined, '127.0.0.1', 8080).ok).toBe(true);
    expect(p.checkOrigin(undefined, 'example.com', 443).ok).toBe(true);
    expect(p.checkOrigin(undefined, 'example.com', 8443).ok).toBe(false);
  });

  it.each(['not an origin', 'https://a/b/c', 'https://exa mple.com', ''])(
    'rejects the pattern %j',
    (text) => {
      expect(() => parseOrigin(text)).toThrow(/not an origin/);
    },
  );
});

describe('file URLs', () => {
  it('only with --allow-file-urls, and only inside the allowed directories', () => {
    const p = policy({ allowFileUrls: true, roots: ['/srv/site'] });
    expect(nav(p, 'file:///srv/site/index.html')).toBe('ok');
    expect(nav(p, 'file:///srv/site/../secret')).toMatch(/outside the allowed directories/);
    expect(nav(p, 'file:///srv/site2/x')).toMatch(/outside the allowed directories/);
    expect(nav(p, 'file:///etc/passwd')).toMatch(/outside the allowed directories/);
    expect(nav(policy({ roots: ['/srv/site'] }), 'file:///srv/site/index.html')).toMatch(
      /--allow-file-urls|refused by default/,
    );
  });
});
