// Preloaded with `node --require` in tests: any attempt to open a socket, resolve a name or
// make an HTTP request throws and leaves a mark on stderr, so a test can prove that a command
// never touches the network. Loopback-only exceptions would defeat the point: there are none.
'use strict';
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

function refuse(what) {
  return function blocked() {
    process.stderr.write(`NETWORK-BLOCKED: ${what}\n`);
    throw new Error(`network access blocked in test: ${what}`);
  };
}

net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
  dns[name] = refuse(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = refuse(`dns.promises.${name}`);
}
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
globalThis.fetch = refuse('fetch');
