import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Env } from './run-env';

/** In-memory output kept per process: enough for a failure message, bounded. */
const KEEP_CHARS = 200_000;

/** A Node script of the workspace as a child process, its output kept (and written to a file). */
export class PlatformProcess {
  private output = '';
  private readonly file?: WriteStream;
  readonly child: ChildProcess;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly spawnOptions: { cwd: string; env: Env; logFile?: string },
  ) {
    const { cwd, env, logFile } = spawnOptions;
    // Appended to: a restarted process writes after its killed predecessor.
    if (logFile) this.file = createWriteStream(logFile, { flags: 'a' });
    this.child = spawn(process.execPath, [path.resolve(cwd, script)], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer | string) => {
      const text = chunk.toString();
      this.output = (this.output + text).slice(-KEEP_CHARS);
      this.file?.write(text);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    // 'close': after the last of its output (which may come after 'exit').
    this.child.once('close', (code, signal) => {
      keep(`\n[platform] ${name} exited (code ${code}, signal ${signal})\n`);
      this.file?.end();
    });
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The last `chars` characters of the output. */
  tail(chars: number): string {
    return this.output.slice(-chars);
  }

  /**
   * Polls `ready` until it answers true (`timeoutMs`); a process that exits first (bad
   * configuration, missing build output) fails at once instead of after the timeout.
   */
  async waitUntil(ready: () => Promise<boolean>, hint: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited)
        throw new Error(
          `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before serving; ${hint}`,
        );
      if (await ready().catch(() => false)) return;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${this.name}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * The same script with the same settings, started again (after this one was killed), or beside
   * it as another replica (its own name, log file and `env` on top).
   */
  respawn(replica?: { name: string; env: Env }): PlatformProcess {
    if (!replica) return new PlatformProcess(this.name, this.script, this.spawnOptions);
    const { logFile, env } = this.spawnOptions;
    return new PlatformProcess(replica.name, this.script, {
      ...this.spawnOptions,
      env: { ...env, ...replica.env },
      logFile: logFile && path.join(path.dirname(logFile), `${replica.name}.log`),
    });
  }

  /** Sends `signal` (SIGKILL: a crash) and resolves once the process is gone. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  /** SIGTERM, as Kubernetes and Ctrl-C do; SIGKILL after `killAfterMs`. Resolves on exit. */
  stop(killAfterMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), killAfterMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}
