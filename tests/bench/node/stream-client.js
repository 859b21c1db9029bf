// SPDX-License-Identifier: MIT
// The reference client of bench_cli: the spec's JavaScript stream example (`ws` + JSON.parse per
// message), counting instead of printing. Ends after COUNT messages and prints one JSON line:
// {"messages":N,"ms":T,"cpuUs":C,"compression":true|false}, the clock started at the open.
//
// Usage: NODE_PATH=/usr/share/nodejs node stream-client.js URL COUNT [--no-compression]
// (Debian: apt install nodejs node-ws). The API key comes from ALLIUM_API_KEY.
'use strict';
const WebSocket = require('ws');

const [url, countText, ...flags] = process.argv.slice(2);
const count = Number(countText);
if (!url || !(count > 0)) {
    console.error('usage: stream-client.js URL COUNT [--no-compression]');
    process.exit(2);
}

const ws = new WebSocket(url, {
    headers: {'X-API-KEY': process.env.ALLIUM_API_KEY || 'allium-demo-key'},
    perMessageDeflate: !flags.includes('--no-compression'),
});

let received = 0;
let parseErrors = 0;
let started = 0n;
let cpuAtStart = null;

ws.on('open', () => {
    started = process.hrtime.bigint();
    cpuAtStart = process.cpuUsage();
    ws.send(JSON.stringify({action: 'start'}));
});

ws.on('message', (message) => {
    try {
        const data = JSON.parse(message);
        if (data === null)
            ++parseErrors;
    } catch (error) {
        ++parseErrors;
    }
    if (++received === count) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const cpu = process.cpuUsage(cpuAtStart);
        const compression = ws.extensions.includes('permessage-deflate');
        process.stdout.write(JSON.stringify({
            messages: received, ms, cpuUs: cpu.user + cpu.system, compression, parseErrors,
        }) + '\n');
        ws.terminate();
    }
});

ws.on('error', (error) => {
    console.error(`stream-client: ${error.message}`);
    process.exit(1);
});
