// Lifecycle hook decorators. Each records the method name on the class and does nothing else.
import 'reflect-metadata';

/** The lifecycle events an entity can hook into. */
export type HookEvent = 'beforeInsert' | 'beforeUpdate' | 'beforeDelete' | 'afterLoad';

const HOOKS = Symbol.for('cassandra-orm:hooks');

type HookRecord = readonly { readonly event: HookEvent; readonly method: string | symbol }[];

function record(event: HookEvent): MethodDecorator {
  return (target, method) => {
    const own: HookRecord = Reflect.getOwnMetadata(HOOKS, target) ?? [];
    Reflect.defineMetadata(HOOKS, Object.freeze([...own, Object.freeze({ event, method })]), target);
  };
}

/** Runs before an INSERT (insert, save); may be async; may change the entity. */
export function BeforeInsert(): MethodDecorator {
  return record('beforeInsert');
}
/** Runs before an UPDATE of the entity; may be async. */
export function BeforeUpdate(): MethodDecorator {
  return record('beforeUpdate');
}
/** Runs before a DELETE of the entity; may be async. */
export function BeforeDelete(): MethodDecorator {
  return record('beforeDelete');
}
/** Runs on every instance read from the database; may be async. */
export function AfterLoad(): MethodDecorator {
  return record('afterLoad');
}

/** Hook method names of a class for one event, ancestors first (walked at read time, not copied). */
export function hookMethods(target: abstract new (...args: never[]) => object, event: HookEvent): readonly (string | symbol)[] {
  const chain: object[] = [];
  for (let proto: object | null = target.prototype as object; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    chain.unshift(proto);
  }
  const methods: (string | symbol)[] = [];
  for (const proto of chain) {
    const own = (Reflect.getOwnMetadata(HOOKS, proto) as HookRecord | undefined) ?? [];
    for (const h of own) if (h.event === event && !methods.includes(h.method)) methods.push(h.method);
  }
  return methods;
}
