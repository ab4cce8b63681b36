import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// tools/supervise.sh (how `npm start` keeps the services running), driven through bash against a
// dummy service; the pauses are shortened, the delays it announces are the real ones.

const script = path.resolve(__dirname, '..', 'supervise.sh');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Runs `supervise dummy <log> bash <dummy>` until `until` holds for its stdout, then SIGTERM. */
async function supervise(dummy: string, until: (out: string, dir: string) => boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervise-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'dummy.sh'), dummy);
  const child = spawn(
    'bash',
    [
      '-c',
      `source "${script}"; supervise_pause() { sleep 0.02; }; supervise dummy log bash dummy.sh`,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!until(out, dir) && Date.now() - started < 15_000)
    await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGTERM');
  const code = await exited;
  const read = (name: string) =>
    fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : '';
  return { out, code, runs: Number(read('runs')), terms: read('terms'), log: read('log'), dir };
}

// Counts its runs in ./runs; dies by SIGKILL (exit 137) on the first `deaths` runs, then serves
// until SIGTERM, which it notes in ./terms.
const dummy = (deaths: number) => `
n=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo "$n" > runs
echo "run $n"
if [ "$n" -le ${deaths} ]; then kill -9 $$; fi
trap 'echo stopped >> terms; exit 0' TERM
echo serving > serving
while :; do sleep 0.05; done
`;

describe('supervise (npm start)', () => {
  it('restarts a service that dies, with back-off 1, 2, 4... capped at 30 s, and says so', async () => {
    const result = await supervise(dummy(7), (out) => out.split('\n').length > 7);
    const lines = result.out.trim().split('\n');
    expect(lines).toEqual(
      [1, 2, 4, 8, 16, 30, 30].map((s) => `dummy exited with 137; restarting in ${s} s`),
    );
    expect(result.log).toContain('run 1\n');
    expect(result.code).toBe(0);
  });

  it('stops the service on SIGTERM (Ctrl-C in npm start) and does not restart it', async () => {
    const serving = (_out: string, dir: string) => fs.existsSync(path.join(dir, 'serving'));
    const result = await supervise(dummy(1), serving);
    expect(result.out.trim()).toBe('dummy exited with 137; restarting in 1 s');
    expect(result.terms).toBe('stopped\n'); // the service got SIGTERM and stopped
    expect(result.code).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(Number(fs.readFileSync(path.join(result.dir, 'runs'), 'utf8'))).toBe(2); // no restart
  });
});
