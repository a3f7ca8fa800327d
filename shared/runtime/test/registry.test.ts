import { describe, expect, it } from 'vitest';
import { ConfigError, selectTools, type Tool } from '../src/index.js';
import { ALL_TOOLS } from './helpers.js';

const toolsets = [
  { name: 'default', description: 'd', default: true },
  { name: 'danger', description: 'x', default: false },
];
const names = (selection: Parameters<typeof selectTools>[2]) =>
  selectTools(ALL_TOOLS, toolsets, selection).map((t) => t.name);

describe('selectTools', () => {
  it.each([
    ['default toolsets', {}, ['echo', 'fail', 'roots', 'slow']],
    ['all', { toolsets: ['all'] }, ['echo', 'fail', 'roots', 'slow', 'wipe']],
    ['one toolset', { toolsets: ['danger'] }, ['wipe']],
    ['read-only', { readOnly: true }, ['echo', 'roots', 'slow']],
    ['read-only wins over --tools', { readOnly: true, tools: ['wipe', 'fail', 'echo'] }, ['echo']],
    ['read-only wins over toolsets', { readOnly: true, toolsets: ['danger'] }, []],
    ['--tools alone is exactly those', { tools: ['wipe', 'echo'] }, ['echo', 'wipe']],
    [
      '--tools adds to explicit toolsets',
      { toolsets: ['default'], tools: ['wipe'] },
      ['echo', 'fail', 'roots', 'slow', 'wipe'],
    ],
    ['--exclude-tools', { excludeTools: ['fail', 'slow'] }, ['echo', 'roots']],
    ['aliases name their tool', { tools: ['say'] }, ['echo']],
  ])('%s', (_label, selection, expected) => {
    expect(names(selection)).toEqual(expected);
  });

  it('old tools follow their successor in and out, whatever the flags name', () => {
    const [echo, fail, wipe] = ALL_TOOLS as [Tool, Tool, Tool];
    const oldEcho = { ...echo, name: 'old_echo', aliases: [], successor: 'echo' };
    const oldWipe = { ...wipe, name: 'old_wipe', successor: 'wipe' };
    const tools = [echo, fail, wipe, oldEcho, oldWipe];
    const pick = (selection: Parameters<typeof selectTools>[2]) =>
      selectTools(tools, toolsets, selection).map((t) => t.name);
    expect(pick({})).toEqual(['echo', 'fail', 'old_echo']);
    expect(pick({ excludeTools: ['echo'] })).toEqual(['fail']);
    expect(pick({ toolsets: ['all'], readOnly: true })).toEqual(['echo', 'old_echo']);
    expect(pick({ tools: ['old_wipe'] })).toEqual([]);
    expect(pick({ tools: ['wipe'] })).toEqual(['old_wipe', 'wipe']);
    expect(() => selectTools([{ ...echo, successor: 'nope' }], toolsets, {})).toThrow(/successor "nope"/);
  });

  it('is sorted by name whatever the declaration order', () => {
    const reversed = selectTools([...ALL_TOOLS].reverse(), toolsets, { toolsets: ['all'] }).map(
      (t) => t.name,
    );
    expect(reversed).toEqual(['echo', 'fail', 'roots', 'slow', 'wipe']);
  });

  it.each([
    [{ toolsets: ['nope'] }, /Unknown toolset "nope".*default, danger, all/],
    [{ tools: ['nope'] }, /--tools: unknown tool "nope".*echo, fail, roots, say, slow, wipe/],
    [{ excludeTools: ['nope'] }, /--exclude-tools: unknown tool "nope"/],
  ])('unknown names fail listing the valid ones: %j', (selection, message) => {
    expect(() => names(selection)).toThrow(ConfigError);
    expect(() => names(selection)).toThrow(message);
  });
});
