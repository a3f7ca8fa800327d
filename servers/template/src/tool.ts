import { toolsFor } from '@bastion-mcp/runtime';

/** What every handler of this server finds in `ctx.state`. */
export interface TemplateState {
  greeting: string;
}

export const tool = toolsFor<TemplateState>();
