import { structured, untrusted, z } from '@bastion-mcp/runtime';
import { cleanRef } from '../lib/paths.js';
import { sanitize } from '../lib/sanitize.js';
import { gh, inRepo, listPage, pageInput, repoInput, tool } from '../tool.js';

export const listTags = tool({
  name: 'list_tags',
  title: 'List tags',
  description: 'Tags of a repository with the commit each points to.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, ...pageInput }),
  async handle({ owner, repo, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `tags of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.repos.listTags({ owner, repo, per_page: perPage, page }),
      compact: (t) => ({ name: t.name, sha: t.commit.sha }),
      line: (t) => `${t.name} ${t.sha.slice(0, 10)}`,
    });
  },
});

export const getTag = tool({
  name: 'get_tag',
  title: 'Get a tag',
  description: 'One tag: the object it points to (and the annotation, for annotated tags).',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, tag: z.string().min(1).max(255).describe('Tag name') }),
  async handle({ owner, repo, tag }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const name = cleanRef(tag, 'tag');
    const { data: ref } = await gh(ctx, `tag ${name} of ${full}`, (api) =>
      api.rest.git.getRef({ owner, repo, ref: `tags/${name}` }),
    );
    if (ref.object.type !== 'tag') {
      return structured(
        { tag: name, sha: ref.object.sha, type: ref.object.type },
        `${name} -> ${ref.object.type} ${ref.object.sha} (lightweight tag)`,
      );
    }
    const { data } = await gh(ctx, `tag ${name} of ${full}`, (api) =>
      api.rest.git.getTag({ owner, repo, tag_sha: ref.object.sha }),
    );
    const message = sanitize(data.message);
    return structured(
      { tag: data.tag, sha: data.object.sha, type: data.object.type, tagger: data.tagger.name, message },
      `${data.tag} -> ${data.object.type} ${data.object.sha}, tagged by ${data.tagger.name}\n${untrusted(`tag ${name} of ${full}`, message)}`,
    );
  },
});
