// Replaces pg/lib/stream.js in the bundle: the original checks for Cloudflare Workers at load time by
// touching globalThis.Response, which makes Node 20 load its fetch stack (undici) at every start-up.
// Bastion runs on Node only, so these are pg's own Node branches.
module.exports = {
  getStream() {
    const net = require('net');
    return new net.Socket();
  },
  getSecureStream(options) {
    const tls = require('tls');
    return tls.connect(options);
  },
};
