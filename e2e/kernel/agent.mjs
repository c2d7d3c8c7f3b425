// The programs the kernel lab runs inside its namespaces (with `ip netns exec`), so only Node is needed:
//   serve POD tcp:PORT udp:PORT …   a responder on the pod's container ports; every answer is
//                                   "POD PEER-IP:PEER-PORT", the peer address exactly as the socket saw it.
//   connect PROTO IP PORT COUNT TIMEOUT_MS SIZE MODE
//                                   COUNT connections one after another, one JSON line each:
//                                   {"outcome":"answered"|"timeout"|ERRNO,"pod":…,"peer":…,"code":…}
//                                   MODE `full` waits for the answer; `handshake` stops at the SYN-ACK (TCP)
//                                   so exactly the trace's two packets cross the cluster.
// SIZE is the IP total length of a UDP datagram (20-byte IP + 8-byte UDP header + payload).
import dgram from 'node:dgram';
import net from 'node:net';

const [mode, ...args] = process.argv.slice(2);

function serve(pod, specs) {
  let pending = specs.length;
  const ready = () => {
    if (--pending === 0) process.stdout.write('ready\n');
  };
  for (const spec of specs) {
    const [proto, portText] = spec.split(':');
    const port = Number(portText);
    if (proto === 'tcp') {
      const server = net.createServer((sock) => {
        sock.on('error', () => {});
        sock.end(`${pod} ${sock.remoteAddress}:${sock.remotePort}\n`);
      });
      server.listen({ port, host: '0.0.0.0' }, ready);
    } else {
      const sock = dgram.createSocket('udp4');
      sock.on('message', (_msg, rinfo) => {
        sock.send(`${pod} ${rinfo.address}:${rinfo.port}\n`, rinfo.port, rinfo.address);
      });
      sock.bind(port, '0.0.0.0', ready);
    }
  }
  if (specs.length === 0) process.stdout.write('ready\n');
}

// The socket's errno is the outcome (ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EMSGSIZE …), as the
// engine's view names it (e2e/kernel/engine-view.ts outcomeOf).
function outcomeOfError(err) {
  return { outcome: err.code ?? String(err), code: err.code };
}

function parseAnswer(text) {
  const [pod, peer] = text.trim().split(' ');
  return { pod: pod ?? null, peer: peer ?? null };
}

function tcpOnce(ip, port, timeout, handshakeOnly) {
  return new Promise((resolve) => {
    let data = '';
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), timeout);
    const sock = net.connect({ host: ip, port });
    sock.on('connect', () => {
      if (handshakeOnly) finish({ outcome: 'answered', pod: null, peer: null });
    });
    sock.on('data', (d) => {
      data += d;
    });
    sock.on('end', () => finish({ outcome: 'answered', ...parseAnswer(data) }));
    sock.on('error', (err) => finish(outcomeOfError(err)));
  });
}

function udpOnce(ip, port, timeout, size) {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), timeout);
    sock.on('message', (msg) => finish({ outcome: 'answered', ...parseAnswer(String(msg)) }));
    sock.on('error', (err) => finish(outcomeOfError(err)));
    sock.connect(port, ip, () => {
      sock.send(Buffer.alloc(Math.max(0, size - 28), 0x61), (err) => {
        if (err) finish(outcomeOfError(err));
      });
    });
  });
}

async function connect([proto, ip, portText, countText, timeoutText, sizeText, how]) {
  const port = Number(portText);
  const timeout = Number(timeoutText);
  for (let i = 0; i < Number(countText); i++) {
    const result =
      proto === 'tcp'
        ? await tcpOnce(ip, port, timeout, how === 'handshake')
        : await udpOnce(ip, port, timeout, Number(sizeText));
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

if (mode === 'serve') serve(args[0], args.slice(1));
else if (mode === 'connect') await connect(args);
else {
  process.stderr.write(
    'usage: agent.mjs serve POD SPEC… | connect PROTO IP PORT COUNT TIMEOUT_MS SIZE full|handshake\n',
  );
  process.exit(2);
}
