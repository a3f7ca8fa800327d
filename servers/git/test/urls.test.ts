import { describe, expect, it } from 'vitest';
import { classifyUrl } from '../src/lib/urls.js';

const allowed: [string, string, string][] = [
  ['https://github.com/owner/repo.git', 'https', 'https://github.com/owner/repo.git'],
  ['HTTPS://example.com:8443/r', 'https', 'HTTPS://example.com:8443/r'],
  ['https://user:s3cret@example.com/r.git', 'https', 'https://example.com/r.git'],
  ['ssh://git@example.com:2222/owner/repo.git', 'ssh', 'ssh://git@example.com:2222/owner/repo.git'],
  ['ssh://[::1]/repo', 'ssh', 'ssh://[::1]/repo'],
  ['git@github.com:owner/repo.git', 'ssh', 'git@github.com:owner/repo.git'],
  ['example.com:repo', 'ssh', 'example.com:repo'],
  ['[::1]:repo', 'ssh', '[::1]:repo'],
  ['git://example.com/repo', 'git', 'git://example.com/repo'],
  ['https://host/a--b/x-y', 'https', 'https://host/a--b/x-y'],
  ['https://dev.azure.com/org/My%20Project/_git/r', 'https', 'https://dev.azure.com/org/My%20Project/_git/r'],
];

const localPaths: [string, string][] = [
  ['file:///srv/code/repo.git', '/srv/code/repo.git'],
  ['file:///srv/a%20b', '/srv/a b'],
  ['file:///srv/%2e%2e/etc', '/srv/../etc'],
  ['/srv/code/repo', '/srv/code/repo'],
  ['relative/repo', 'relative/repo'],
  ['./dir:with-colon', './dir:with-colon'],
];

const refused: [string, RegExp][] = [
  ['', /empty/],
  ['ext::sh -c touch% /tmp/pwned', /"ext::" transport runs a helper/],
  ['fd::17', /"fd::" transport/],
  ['foo::bar', /"foo::" transport/],
  ['::bar', /"::" transport/],
  ['--upload-pack=touch /tmp/pwned', /starts with "-"/],
  ['-u', /starts with "-"/],
  ['https://host/repo --upload-pack=touch', /whitespace/],
  ['https://host/x/--upload-pack=touch', /looks like an option/],
  ['file:///srv/repo?--upload-pack=x', /looks like an option/],
  ['https://host/%2d%2dupload-pack=x', /looks like an option/],
  ['https://host/repo\n-c core.sshCommand=x', /whitespace or a control/],
  ['https://host/r%0a', /whitespace or a control/],
  ['https://host/r\u00a0x', /whitespace or a control/],
  ['https://host/r\u0085', /whitespace or a control/],
  ['https://host/r\u0000', /whitespace or a control/],
  ['https://host/%zz', /malformed %-escape/],
  ['ssh://-oProxyCommand=touch%20x/repo', /whitespace|host or user starts/],
  ['ssh://-oProxyCommand=x/repo', /host or user starts with "-"/],
  ['ssh://%2doProxyCommand=x/repo', /host or user starts with "-"/],
  ['ssh://-user@host/repo', /host or user starts with "-"/],
  ['-oProxyCommand=x:repo', /starts with "-"/],
  ['user@-oProxyCommand=x:repo', /host or user starts with "-"/],
  ['https:///nohost', /no host/],
  ['host:', /no path/],
  ['http://example.com/repo', /"http:\/\/" transport is not allowed/],
  ['ftp://example.com/repo', /"ftp:\/\/" transport/],
  ['git+ssh://example.com/repo', /"git\+ssh:\/\/" transport/],
  ['file://host/srv/repo', /absolute path/],
  ['file://tmp/x', /absolute path/],
  ['~/repo', /"~" paths/],
  ['x'.repeat(5000), /longer than 4096/],
];

describe('classifyUrl (the transport policy)', () => {
  it.each(allowed)('allows %s as %s', (url, transport, display) => {
    expect(classifyUrl(url)).toEqual({ ok: true, transport, url, display });
  });

  it.each(localPaths)('treats %s as the local path %s (percent-decoded as git does)', (url, local) => {
    expect(classifyUrl(url)).toEqual({ ok: true, transport: 'file', path: local, display: url });
  });

  it.each(refused)('refuses %j', (url, problem) => {
    const verdict = classifyUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(problem);
  });
});
