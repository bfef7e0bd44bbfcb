// Serve the public dir with a real nginx under /plan/, like the production host does.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BASE_PATH } from './util.mjs';

/** Ask the kernel for a free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Find the nginx binary (PATH or /usr/sbin, which is not on every PATH). */
function nginxBinary() {
  for (const p of [process.env.NGINX, '/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (p && fs.existsSync(p)) return p;
  }
  return 'nginx';
}

// A self-contained MIME map, so the result does not depend on /etc/nginx.
const MIME_TYPES = `
  types {
    text/html html htm;
    text/css css;
    text/plain txt;
    text/csv csv;
    application/javascript js mjs;
    application/json json;
    application/manifest+json webmanifest;
    application/xml xml;
    application/pdf pdf;
    image/svg+xml svg;
    image/png png;
    image/jpeg jpg jpeg;
    image/gif gif;
    image/webp webp;
    image/avif avif;
    image/x-icon ico;
    font/woff woff;
    font/woff2 woff2;
    font/ttf ttf;
    font/otf otf;
  }`;

function nginxConf({ tmp, port, publicDir }) {
  // master_process off: a single process running as the invoking user, so files that
  // only that user may read are served too, and one kill stops everything.
  return `daemon off;
master_process off;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 256; }
http {
${MIME_TYPES}
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css text/plain text/csv application/javascript application/json image/svg+xml application/xml;
  access_log ${tmp}/access.log;
  client_body_temp_path ${tmp}/client_body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  sendfile on;
  absolute_redirect off;
  server_tokens off;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${tmp}/empty;
    error_page 404 ${BASE_PATH}404.html;
    location = ${BASE_PATH.slice(0, -1)} { return 301 ${BASE_PATH}; }
    location ${BASE_PATH} {
      alias ${publicDir}/;
      index index.html;
    }
  }
}
`;
}

/**
 * Start nginx serving `publicDir` at http://127.0.0.1:PORT/plan/.
 * @returns {Promise<{origin: string, base: string, stop: () => Promise<void>, tmp: string}>}
 */
export async function startServer(publicDir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-e2e-nginx-'));
  fs.mkdirSync(path.join(tmp, 'empty'));
  const port = await freePort();
  const conf = path.join(tmp, 'nginx.conf');
  fs.writeFileSync(conf, nginxConf({ tmp, port, publicDir: path.resolve(publicDir) }));

  const bin = nginxBinary();
  const test = spawnSync(bin, ['-t', '-q', '-e', path.join(tmp, 'error.log'), '-c', conf, '-p', tmp], { encoding: 'utf8' });
  if (test.error || test.status !== 0) {
    throw new Error(`nginx config test failed: ${test.error?.message ?? test.stderr}`);
  }
  const child = spawn(bin, ['-e', path.join(tmp, 'error.log'), '-c', conf, '-p', tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', () => { exited = true; resolve(); }));

  // Make sure nginx dies with us, even on an uncaught error or Ctrl-C.
  const killSync = () => {
    if (!exited) try { child.kill('SIGKILL'); } catch { /* already gone */ }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', killSync);

  const stop = async () => {
    process.off('exit', killSync);
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  // Wait until it answers (up to 10 s).
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`nginx exited at start: ${stderr.trim()}`);
    try {
      await fetch(`${origin}${BASE_PATH}`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch (e) {
      if (i >= 100) { await stop(); throw new Error(`nginx did not answer on ${origin}: ${e.message}`); }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { origin, base: `${origin}${BASE_PATH}`, stop, tmp };
}
