import { notFound, text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { tool } from '../tool.js';

export const browserHandleDialog = tool({
  name: 'browser_handle_dialog',
  title: 'Answer a dialog',
  description:
    'Accept or dismiss the open alert, confirm, prompt or beforeunload dialog; promptText answers a prompt.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    accept: z.boolean().describe('true to accept (OK), false to dismiss (Cancel)'),
    promptText: z.string().optional().describe('Text to answer a prompt with'),
  }),
  async handle({ accept, promptText }, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const dialog = tab.dialog;
    if (!dialog)
      throw notFound(
        'No dialog is open in the current tab.',
        'Only call this after an action reports an open dialog.',
      );
    const answer = await act(ctx, tab, note, async () => {
      tab.dialog = undefined;
      if (accept) await dialog.accept(promptText);
      else await dialog.dismiss();
      return `${accept ? 'Accepted' : 'Dismissed'} the ${dialog.type()} dialog${promptText !== undefined && accept ? ` with ${JSON.stringify(promptText)}` : ''}.`;
    });
    return text(answer);
  },
});
