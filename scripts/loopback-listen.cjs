// Preload (`node -r ./scripts/loopback-listen.cjs …`): a server.listen() that names no host binds
// 127.0.0.1 instead of every interface. The Agents Playground has no host option; this keeps it on
// loopback. listen() calls that pass a host, a path (Unix socket) or a handle are left alone.
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen(options[, cb]) — add a host only to a port-based options object without one.
    if (first.host === undefined && first.path === undefined && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)) || first === undefined || typeof first === 'function') {
    // listen([port][, host][, backlog][, cb])
    if (typeof first === 'function' || first === undefined) {
      args.splice(0, first === undefined ? 1 : 0, 0, LOOPBACK);
    } else if (typeof args[1] !== 'string') {
      args.splice(1, 0, LOOPBACK);
    }
  }
  return originalListen.apply(this, args);
};
