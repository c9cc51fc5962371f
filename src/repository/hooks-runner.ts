// Runs lifecycle hooks; the method list per class and event is looked up once and cached.
import { hookMethods, type HookEvent } from '../decorators/hooks.js';

const cache = new WeakMap<object, Map<HookEvent, readonly (string | symbol)[]>>();

/** Hook methods of the entity class for an event (cached). */
export function hooksOf(target: abstract new (...args: never[]) => object, event: HookEvent): readonly (string | symbol)[] {
  let perClass = cache.get(target);
  if (perClass === undefined) cache.set(target, (perClass = new Map()));
  let list = perClass.get(event);
  if (list === undefined) perClass.set(event, (list = hookMethods(target, event)));
  return list;
}

/** Calls each hook method on the instance in order, awaiting async ones. */
export async function runHooks(instance: object, methods: readonly (string | symbol)[]): Promise<void> {
  for (const m of methods) {
    const fn = (instance as Record<string | symbol, unknown>)[m];
    if (typeof fn === 'function') await (fn as () => unknown).call(instance);
  }
}
