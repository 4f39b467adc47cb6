// Starts the release server on a free loopback port with a fresh temporary database,
// and stops it when the test is done.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const serverBin = path.join(repoRoot, 'target/release/server');

export async function startServer({ extraArgs = [] } = {}) {
  if (!existsSync(serverBin)) {
    throw new Error(`${serverBin} is missing: run \`make build\` first`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-test-'));
  const db = path.join(dir, 'dashboard.db');
  // Port 0: the OS picks a free port; the server prints the URL it got.
  const child = spawn(serverBin, ['serve', '--addr', '127.0.0.1:0', '--db', db, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${stderr}`)), 60_000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${stderr}`)); });
  });
  return {
    url,
    db,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
