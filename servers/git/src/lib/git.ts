import { ToolError } from '@bastion-mcp/runtime';
import { type SimpleGit, simpleGit } from 'simple-git';
import type { GitState } from '../tool.js';

/**
 * `-c` settings for every command. A repository's own config can name programs git runs
 * (core.fsmonitor on status, diff.external, textconv): fsmonitor is forced off here, diffs pass
 * --no-ext-diff and --no-textconv, GIT_ALLOW_PROTOCOL rules out `ext::`, and git never pages into
 * a pipe. simple-git's guards refuse `-c core.fsmonitor` whatever its value, so exactly that one
 * guard is relaxed, to turn the feature off; no caller value ever reaches git as an option.
 */
const SAFE_CONFIG = [
  'color.ui=false',
  'core.quotePath=false',
  'advice.detachedHead=false',
  'core.fsmonitor=false',
];

/** Inherited variables that could point git at other programs or config; simple-git refuses them too. */
const DROPPED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'SSH_ASKPASS', 'PREFIX']);

/** The environment git runs in: nothing inherited that could redirect it, nothing interactive. */
export function safeEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!key.toUpperCase().startsWith('GIT') && !DROPPED.has(key.toUpperCase())) env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'https:ssh:git:file', LC_ALL: 'C' };
}

export interface GitCall {
  state: GitState;
  signal: AbortSignal;
}

/**
 * A simple-git instance for one tool call in `dir`: its unsafe-operation guards stay on, it has a
 * timeout, it is cancelled with the call, and it is stopped once its output passes the cap.
 */
export function gitIn(
  dir: string,
  call: GitCall,
): { git: SimpleGit; stopped: () => ToolError | undefined; release: () => void } {
  const controller = new AbortController();
  let reason: ToolError | undefined;
  const stop = (error: ToolError) => {
    reason ??= error;
    controller.abort();
  };
  const onAbort = () => stop(new ToolError('timeout', 'The call was cancelled.'));
  // Removed by release() when the command is done: a tool runs many commands under one call's signal
  // (and a signal can outlive its call), so a listener left behind per command piles up.
  call.signal.addEventListener('abort', onAbort, { once: true });
  if (call.signal.aborted) onAbort();
  const git = simpleGit({
    baseDir: dir,
    config: SAFE_CONFIG,
    unsafe: { allowUnsafeFsMonitor: true },
    maxConcurrentProcesses: 4,
    trimmed: false,
    timeout: { block: call.state.timeoutMs },
    abort: controller.signal,
  }).env(safeEnv());
  git.outputHandler((_command, stdout) => {
    let bytes = 0;
    stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > call.state.maxOutputBytes) {
        stop(
          new ToolError(
            'too_large',
            `git produced more than ${call.state.maxOutputBytes} bytes of output.`,
            'Narrow the call: a path filter, a smaller max_count, or stat_only.',
          ),
        );
      }
    });
  });
  return { git, stopped: () => reason, release: () => call.signal.removeEventListener('abort', onAbort) };
}

/** Runs `run` and turns git failures into ToolErrors that say what git said. */
export async function gitCall<T>(
  dir: string,
  call: GitCall,
  run: (git: SimpleGit) => Promise<T>,
): Promise<T> {
  const { git, stopped, release } = gitIn(dir, call);
  try {
    return await run(git);
  } catch (error) {
    const reason = stopped();
    if (reason) throw reason;
    if (error instanceof ToolError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/block timeout/i.test(message)) {
      throw new ToolError(
        'timeout',
        `git did not answer within ${call.state.timeoutMs} ms.`,
        'Narrow the call or raise --git-timeout-ms.',
      );
    }
    throw new ToolError(
      'upstream',
      `git failed: ${firstLines(message)}`,
      "Read git's message above and change the call accordingly.",
    );
  } finally {
    release();
  }
}

function firstLines(message: string): string {
  return message.trim().split('\n').slice(0, 6).join('\n').slice(0, 800);
}
