export { z } from 'zod';
export {
  type CommonOptions,
  type ConfigOf,
  type ConfigSpec,
  commonOptions,
  defineConfig,
  expandPath,
  type OptionDoc,
  optionDocs,
  parseConfig,
  splitList,
} from './config.js';
export * from './errors.js';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './log.js';
export { cursorField, decodeCursor, encodeCursor, type Page, paginate } from './pagination.js';
export { DEFAULT_TOOLSETS, type Selection, selectTools, type Toolset } from './registry.js';
export type {
  ListedPage,
  ListedResource,
  PromptSpec,
  ResourceContents,
  ResourceContext,
  ResourceSpec,
} from './resources.js';
export {
  applyBudget,
  type ContentBlock,
  embeddedResource,
  image,
  type ResultOptions,
  resourceLink,
  structured,
  type ToolResult,
  text,
  untrusted,
} from './result.js';
export { atomicWrite } from './sandbox/atomic.js';
export { fsError } from './sandbox/fs-errors.js';
export { containingRoot, isWithin, MAX_PATH_CHARS, normalizePath } from './sandbox/paths.js';
export { type Resolved, realpathDeep, realRoots, Sandbox, type SandboxOptions } from './sandbox/resolver.js';
export { clientRootPaths, narrowRoots } from './sandbox/roots.js';
export { toolJsonSchemas } from './schemas.js';
export { addSecret, redact } from './secrets.js';
export { type CreateServer, runMain, startupLine } from './serve/main.js';
export { type BastionServer, DEFAULT_BUDGET, defineServer, type ServerSpec } from './server.js';
export {
  type AnyObjectSchema,
  annotationsFor,
  defineTool,
  type Tool,
  type ToolAnnotations,
  type ToolContext,
  type ToolKind,
  type ToolSpec,
  toolsFor,
} from './tool.js';
