/** Schemes whose user part is commonly a token (https://<token>@host, https://user:<token>@host). */
const TOKEN_USER = /^(?:https?|ftps?)$/i;

/**
 * A remote URL without the credentials embedded in it: for http(s) and ftp(s) the whole user part
 * goes (a token often poses as the user name); for other schemes (ssh://git@host) only a password.
 * Remote-helper prefixes (`persistent-https::https://...`) are handled recursively. scp-like
 * addresses (git@host:path) cannot carry a password and are kept.
 */
export function stripCredentials(url: string): { url: string; stripped: boolean } {
  const helper = /^([A-Za-z][A-Za-z0-9+.-]*::)(.*)$/s.exec(url);
  if (helper) {
    const inner = stripCredentials(helper[2] as string);
    return { url: `${helper[1]}${inner.url}`, stripped: inner.stripped };
  }
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)@(.*)$/s.exec(url);
  if (!match) return { url, stripped: false };
  const [, scheme = '', user = '', rest = ''] = match;
  if (TOKEN_USER.test(scheme)) return { url: `${scheme}://${rest}`, stripped: true };
  const colon = user.indexOf(':');
  if (colon === -1) return { url, stripped: false };
  return { url: `${scheme}://${user.slice(0, colon)}@${rest}`, stripped: true };
}
