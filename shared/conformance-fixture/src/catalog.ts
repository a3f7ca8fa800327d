import type { PromptSpec, ResourceSpec } from '@bastion-mcp/runtime';
import { z } from '@bastion-mcp/runtime';
import { completable } from '@modelcontextprotocol/server';
import { PNG } from './media.js';

const textResource = (name: string, uri: string, body: string): ResourceSpec<unknown> => ({
  name,
  uri,
  mimeType: 'text/plain',
  description: `Fixture resource ${uri}`,
  read: async () => [{ uri, mimeType: 'text/plain', text: body }],
});

export const resources: ResourceSpec<unknown>[] = [
  textResource('static-text', 'test://static-text', 'This is the content of the static text resource.'),
  textResource('watched-resource', 'test://watched-resource', 'Watched resource content.'),
  textResource('example-resource', 'test://example-resource', 'Example resource content.'),
  {
    name: 'static-binary',
    uri: 'test://static-binary',
    mimeType: 'image/png',
    description: 'A PNG',
    read: async () => [{ uri: 'test://static-binary', mimeType: 'image/png', blob: PNG }],
  },
  {
    name: 'template',
    template: 'test://template/{id}/data',
    mimeType: 'application/json',
    description: 'Data for an id',
    read: async (uri, { id }) => [
      {
        uri: uri.href,
        mimeType: 'application/json',
        text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
      },
    ],
  },
];

const say = (text: string) => ({ role: 'user' as const, content: { type: 'text' as const, text } });

export const prompts: PromptSpec<unknown>[] = [
  {
    name: 'test_simple_prompt',
    description: 'A prompt without arguments',
    get: async () => ({ messages: [say('This is a simple prompt for testing.')] }),
  },
  {
    name: 'test_prompt_with_arguments',
    description: 'A prompt with two arguments',
    args: z.object({
      arg1: completable(z.string().describe('First argument'), (value) =>
        ['test1', 'test2'].filter((v) => v.startsWith(value)),
      ),
      arg2: z.string().describe('Second argument'),
    }),
    get: async ({ arg1, arg2 }) => ({
      messages: [say(`Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`)],
    }),
  },
  {
    name: 'test_prompt_with_embedded_resource',
    description: 'A prompt embedding a resource',
    args: z.object({ resourceUri: z.string().describe('The resource to embed') }),
    get: async ({ resourceUri }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: {
              uri: String(resourceUri),
              mimeType: 'text/plain',
              text: 'Embedded resource content for testing.',
            },
          },
        },
        say('Please process the embedded resource above.'),
      ],
    }),
  },
  {
    name: 'test_prompt_with_image',
    description: 'A prompt with an image',
    get: async () => ({
      messages: [
        { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
        say('Please analyze the image above.'),
      ],
    }),
  },
];
