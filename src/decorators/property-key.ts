// Shared by the property decorators: one implementation for experimental decorators
// (`(prototype, key)`, with `design:type`) and standard ones (`(undefined, context)`, no type metadata).
import { MapperError } from '../errors.js';
import { appendRecord, appendToMetadata } from '../metadata/metadata-store.js';
import type { ClassRef } from '../metadata/type-input.js';

/** A property decorator usable with `experimentalDecorators` and with standard decorators alike. */
export interface PropertyRecorder {
  (prototype: object, property: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

/** A class decorator usable with `experimentalDecorators` and with standard decorators alike. */
export type ClassRecorder = (target: ClassRef, context?: ClassDecoratorContext) => void;

/** Builds a property decorator that appends `make(property, designType)` under `key`. */
export function propertyRecorder<T>(key: symbol, make: (property: string, designType: unknown) => T): PropertyRecorder {
  return ((target: object | undefined, property: string | symbol | ClassFieldDecoratorContext): void => {
    if (typeof property === 'object') {
      if (property.metadata === undefined) {
        throw new MapperError(`Cannot record '${String(property.name)}': this runtime gives standard decorators no metadata object.`);
      }
      appendToMetadata(key, property.metadata, make(String(property.name), undefined));
      return;
    }
    const name = String(property);
    const owner = (target as { constructor: ClassRef }).constructor;
    appendRecord(key, owner, make(name, Reflect.getMetadata('design:type', target as object, name)));
  }) as PropertyRecorder;
}
