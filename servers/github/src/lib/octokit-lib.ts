// Everything Octokit, in one module: the bin builds it into dist/octokit.cjs (see
// scripts/bundle-octokit.mjs), loaded on the first GitHub call rather than parsed at every start.
export { retry } from '@octokit/plugin-retry';
export { throttling } from '@octokit/plugin-throttling';
export { Octokit } from '@octokit/rest';
export { default as Bottleneck } from 'bottleneck/light.js';
