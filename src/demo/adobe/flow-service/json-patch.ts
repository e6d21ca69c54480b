import type { FlowFailure } from './error-catalog.js';

/**
 * The subset of JSON Patch (RFC 6902) that `PATCH /connections/{id}` accepts: `add`, `replace` and
 * `remove` on object members (docs/reference/adobe-flow-service.md §2.4). The spec's enum is upper case, the docs use lower case;
 * both are accepted.
 */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  /** The JSON Pointer as sent, for messages. */
  pointer: string;
  /** Unescaped reference tokens (RFC 6901 §4). */
  tokens: string[];
  value?: unknown;
}

/** Members of a connection a PATCH may touch; `connectionSpec` is refused with 1414 (docs/reference/adobe-flow-service.md §2.4). */
export interface PatchableConnection {
  name: unknown;
  description?: unknown;
  auth: unknown;
  connectionSpec: unknown;
}

const SUPPORTED_OPS = ['add', 'replace', 'remove'] as const;
const PATCHABLE_MEMBERS = ['name', 'description', 'auth'];
/** Keys that would reach Object.prototype through plain assignment. */
const FORBIDDEN_TOKENS = ['__proto__', 'constructor', 'prototype'];

/** 1455-400, worded like the catalog's `…patch instructions: Missing field "keyWhichDoesNotExist".` */
export function invalidPatch(reason: string): FlowFailure {
  return { code: '1455-400', detail: `An error has occurred while validating patch instructions: ${reason}` };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parsePatch(body: unknown): PatchOperation[] | FlowFailure {
  if (!Array.isArray(body) || body.length === 0) return invalidPatch('The body must be a non-empty array of patch instructions.');
  const operations: PatchOperation[] = [];
  for (const instruction of body as unknown[]) {
    if (!isObject(instruction)) return invalidPatch('Each patch instruction must be an object.');
    const { op, path } = instruction;
    if (typeof op !== 'string') return invalidPatch('Missing field "op".');
    const name = SUPPORTED_OPS.find((supported) => supported === op.toLowerCase());
    // 1455, not the catalog's 1434 "Unsupported operation 'move' received": 1434 sits among the
    // `/action` endpoint's op/subOp errors (1435, 1436), so it is [INFERRED] to be about those.
    if (!name) return invalidPatch(`Unsupported operation '${op}'. Supported operations are add, replace and remove.`);
    if (typeof path !== 'string') return invalidPatch('Missing field "path".');
    if (!path.startsWith('/')) return invalidPatch(`Invalid path "${path}".`);
    if (name !== 'remove' && !Object.hasOwn(instruction, 'value')) return invalidPatch('Missing field "value".');
    const tokens = path
      .slice(1)
      .split('/')
      .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
    operations.push({ op: name, pointer: path, tokens, value: instruction['value'] });
  }
  return operations;
}

/** Applies the operations in order to `target` (mutated); stops at the first failing one. */
export function applyPatch(target: PatchableConnection, operations: readonly PatchOperation[]): FlowFailure | undefined {
  for (const { op, pointer, tokens, value } of operations) {
    const [member] = tokens;
    if (member === 'connectionSpec') return { code: '1414-400', detail: 'The connection spec of a connection cannot be updated.' };
    if (member === undefined || !PATCHABLE_MEMBERS.includes(member) || tokens.some((t) => FORBIDDEN_TOKENS.includes(t))) {
      return invalidPatch(`Missing field "${pointer}".`);
    }
    let parent: unknown = target;
    for (const token of tokens.slice(0, -1)) parent = isObject(parent) ? parent[token] : undefined;
    const key = tokens[tokens.length - 1] ?? '';
    if (!isObject(parent)) return invalidPatch(`Missing field "${pointer}".`);
    // RFC 6902 §4.1: add creates or replaces a member; replace and remove need it to exist (§4.2, §4.3).
    if (op !== 'add' && !Object.hasOwn(parent, key)) return invalidPatch(`Missing field "${pointer}".`);
    if (op === 'remove') delete parent[key];
    else parent[key] = structuredClone(value);
  }
  return undefined;
}
