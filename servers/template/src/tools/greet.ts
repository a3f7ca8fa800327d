import { structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const greet = tool({
  name: 'greet',
  title: 'Greet someone',
  description: 'Return a greeting for a person. Use it to check the server is alive.',
  kind: 'read',
  input: z.object({
    name: z.string().min(1).max(100).describe('Who to greet'),
    shout: z.boolean().default(false).describe('Upper-case the greeting'),
  }),
  output: z.object({ greeting: z.string().describe('The greeting') }),
  async handle({ name, shout }, ctx) {
    const greeting = `${ctx.state.greeting}, ${name}!`;
    const shown = shout ? greeting.toUpperCase() : greeting;
    return structured({ greeting: shown }, shown);
  },
});
