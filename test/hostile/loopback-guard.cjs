// Preloaded into the bot process by the hostile-input tests (NODE_OPTIONS=--require <this file>): any attempt to
// reach a host that is not loopback fails at once and is reported on stderr as "LOOPBACK GUARD: …", a line the
// tests assert never appears. (Without it, a default endpoint such as the ConnectorClient's
// https://api.botframework.com for an activity without serviceUrl would quietly try the internet.)
'use strict';
const dns = require('node:dns');
const net = require('node:net');

const isLoopback = (host) => {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
};

const report = (what, host) => process.stderr.write(`LOOPBACK GUARD: blocked ${what} ${host}\n`);

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (!isLoopback(hostname)) {
    report('DNS lookup of', hostname);
    const cb = typeof options === 'function' ? options : callback;
    const err = Object.assign(new Error(`loopback guard: ${hostname} is not a loopback host`), { code: 'ENOTFOUND', hostname });
    process.nextTick(() => cb(err));
    return {};
  }
  return originalLookup.apply(this, arguments);
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function lookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    report('DNS lookup of', hostname);
    return Promise.reject(Object.assign(new Error(`loopback guard: ${hostname} is not a loopback host`), { code: 'ENOTFOUND', hostname }));
  }
  return originalPromisesLookup.call(this, hostname, ...rest);
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // net.connect() passes its normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = first && typeof first === 'object' ? first.host : typeof args[1] === 'string' ? args[1] : undefined;
  const isPipe = first && typeof first === 'object' && first.path !== undefined;
  if (!isPipe && host && net.isIP(String(host).replace(/^\[|\]$/g, '')) && !isLoopback(host)) {
    report('connection to', host);
    process.nextTick(() => this.destroy(Object.assign(new Error(`loopback guard: ${host} is not a loopback address`), { code: 'ECONNREFUSED' })));
    return this;
  }
  return originalConnect.apply(this, args);
};
