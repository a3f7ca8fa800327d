import { setTimeout as sleep } from 'node:timers/promises';
import { defineTool, ToolError, text, z } from '@bastion-mcp/runtime';
import { PNG, WAV } from './media.js';

const none = z.object({});
const fixed = (
  name: string,
  description: string,
  content: () => Awaited<ReturnType<typeof text>>['content'],
) =>
  defineTool({
    name,
    title: name,
    description,
    kind: 'read',
    input: none,
    handle: async () => ({ content: content() }),
  });

/** The suite's plain-content tools, defined the way every Bastion tool is. */
export const contentTools = [
  fixed('test_simple_text', 'Returns simple text', () => [
    { type: 'text', text: 'This is a simple text response for testing.' },
  ]),
  fixed('test_image_content', 'Returns an image', () => [
    { type: 'image', data: PNG, mimeType: 'image/png' },
  ]),
  fixed('test_audio_content', 'Returns audio', () => [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }]),
  fixed('test_embedded_resource', 'Returns an embedded resource', () => [
    {
      type: 'resource',
      resource: {
        uri: 'test://embedded-resource',
        mimeType: 'text/plain',
        text: 'This is an embedded resource content.',
      },
    },
  ]),
  fixed('test_multiple_content_types', 'Returns text, image and resource', () => [
    { type: 'text', text: 'Multiple content types test:' },
    { type: 'image', data: PNG, mimeType: 'image/png' },
    {
      type: 'resource',
      resource: {
        uri: 'test://mixed-content-resource',
        mimeType: 'application/json',
        text: '{"test":"data","value":123}',
      },
    },
  ]),
  fixed('test_streaming_elicitation', 'Completes without asking the client anything', () => [
    { type: 'text', text: 'Completed without server-to-client requests.' },
  ]),
  defineTool({
    name: 'test_error_handling',
    title: 'test_error_handling',
    description: 'Always fails with a tool error',
    kind: 'read',
    input: none,
    async handle() {
      throw new ToolError('invalid_input', 'This tool intentionally returns an error for testing.');
    },
  }),
  defineTool({
    name: 'test_tool_with_progress',
    title: 'test_tool_with_progress',
    description: 'Reports progress 0, 50, 100',
    kind: 'read',
    input: none,
    async handle(_input, ctx) {
      for (const step of [0, 50, 100]) {
        await ctx.progress(step, 100, `step ${step}`);
        await sleep(20);
      }
      return text('Progress complete.');
    },
  }),
];
