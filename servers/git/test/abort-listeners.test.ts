import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { gitCall } from '../src/lib/git.js';
import type { GitState } from '../src/tool.js';
import { makeRepo } from './helpers.js';

const state: GitState = { timeoutMs: 30_000, maxOutputBytes: 1 << 20, allowForcePush: false };

describe("a call's abort signal", () => {
  it('keeps no listener once each git command is done (it used to keep one per command)', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    const signal = new AbortController().signal;
    for (let i = 0; i < 15; i++) {
      await gitCall(repo, { state, signal }, (git) => git.revparse(['HEAD']));
      await gitCall(repo, { state, signal }, (git) => git.raw(['bogus-command'])).catch(() => {});
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('still cancels a running command, and one whose call was already cancelled', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    const controller = new AbortController();
    const running = gitCall(repo, { state, signal: controller.signal }, async (git) => {
      controller.abort();
      return git.raw(['log']);
    });
    await expect(running).rejects.toMatchObject({ kind: 'timeout', message: 'The call was cancelled.' });
    const again = gitCall(repo, { state, signal: controller.signal }, (git) => git.raw(['log']));
    await expect(again).rejects.toMatchObject({ kind: 'timeout' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
