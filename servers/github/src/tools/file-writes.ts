import { conflict, z } from '@bastion-mcp/runtime';
import { cleanPath, cleanRef } from '../lib/paths.js';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';

const branchField = z.string().min(1).max(255).describe('Branch to commit to');

export const createOrUpdateFile = tool({
  name: 'create_or_update_file',
  title: 'Create or update a file',
  description:
    'Commit one file to a branch. To update, pass the blob sha from get_file_contents (refused without it, so a concurrent change is never overwritten).',
  kind: 'write',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    path: z.string().min(1).max(4096).describe('Path of the file in the repository'),
    content: z.string().max(10_000_000).describe('New file content (UTF-8 text)'),
    message: z.string().min(1).max(10_000).describe('Commit message'),
    branch: branchField,
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Blob SHA of the file being replaced (required to update)'),
  }),
  async handle({ owner, repo, path, content, message, branch, sha }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const clean = cleanPath(path);
    if (!clean)
      throw conflict('path is the repository root, not a file.', 'Pass a file path such as docs/notes.md.');
    const { data } = await gh(ctx, `${full}/${clean} on ${branch}`, (api) =>
      api.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: clean,
        message,
        branch: cleanRef(branch, 'branch'),
        content: Buffer.from(content, 'utf8').toString('base64'),
        ...(sha ? { sha } : {}),
      }),
    );
    return writeResult(sha ? 'Updated' : 'Created', {
      id: data.commit.sha ?? '',
      url: data.content?.html_url ?? data.commit.html_url ?? '',
      commit: data.commit.sha,
      blob_sha: data.content?.sha,
    });
  },
});

export const deleteFile = tool({
  name: 'delete_file',
  title: 'Delete a file',
  description: 'Delete one file from a branch in a new commit.',
  kind: 'destructive',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    path: z.string().min(1).max(4096).describe('Path of the file to delete'),
    message: z.string().min(1).max(10_000).describe('Commit message'),
    branch: branchField,
  }),
  async handle({ owner, repo, path, message, branch }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const clean = cleanPath(path);
    const ref = cleanRef(branch, 'branch');
    const what = `${full}/${clean} on ${ref}`;
    const { data: file } = await gh(ctx, what, (api) =>
      api.rest.repos.getContent({ owner, repo, path: clean, ref }),
    );
    if (Array.isArray(file) || file.type !== 'file')
      throw conflict(
        `${what} is a directory, not a file.`,
        'Delete the files inside it one by one, or use push_files.',
      );
    const { data } = await gh(ctx, what, (api) =>
      api.rest.repos.deleteFile({ owner, repo, path: clean, message, branch: ref, sha: file.sha }),
    );
    return writeResult(`Deleted ${clean}`, {
      id: data.commit.sha ?? '',
      url: data.commit.html_url ?? '',
      commit: data.commit.sha,
    });
  },
});

export const pushFiles = tool({
  name: 'push_files',
  title: 'Push several files in one commit',
  description: 'Commit several files to an existing branch in one commit (text content).',
  kind: 'write',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    branch: branchField,
    files: z
      .array(
        z.object({
          path: z.string().min(1).max(4096).describe('File path'),
          content: z.string().max(10_000_000).describe('File content (UTF-8 text)'),
        }),
      )
      .min(1)
      .max(100)
      .describe('Files to write'),
    message: z.string().min(1).max(10_000).describe('Commit message'),
  }),
  async handle({ owner, repo, branch, files, message }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const ref = cleanRef(branch, 'branch');
    const tree = files.map((f) => ({
      path: cleanPath(f.path, 'files[].path'),
      mode: '100644' as const,
      type: 'blob' as const,
      content: f.content,
    }));
    if (tree.some((t) => !t.path))
      throw conflict('a file path is empty.', 'Give every file a path such as src/a.ts.');
    const what = `${full} branch ${ref}`;
    const { data: head } = await gh(ctx, what, (api) =>
      api.rest.git.getRef({ owner, repo, ref: `heads/${ref}` }),
    );
    const { data: base } = await gh(ctx, what, (api) =>
      api.rest.git.getCommit({ owner, repo, commit_sha: head.object.sha }),
    );
    const { data: newTree } = await gh(ctx, what, (api) =>
      api.rest.git.createTree({ owner, repo, base_tree: base.tree.sha, tree }),
    );
    const { data: commit } = await gh(ctx, what, (api) =>
      api.rest.git.createCommit({ owner, repo, message, tree: newTree.sha, parents: [head.object.sha] }),
    );
    await gh(ctx, what, (api) =>
      api.rest.git.updateRef({ owner, repo, ref: `heads/${ref}`, sha: commit.sha }),
    );
    return writeResult(`Pushed ${files.length} file(s) to ${ref}`, {
      id: commit.sha,
      url: commit.html_url,
      commit: commit.sha,
    });
  },
});
