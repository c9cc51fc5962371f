// class-validator on every write: all violations collected into one typed error, nothing sent on failure.
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldViolation } from '../errors.js';

/** How to validate. */
export interface ValidateOptions {
  /**
   * Skip properties that are null or undefined (default true): in Cassandra they write nothing or
   * delete, so only values being written are checked. `@IsDefined()` still requires a value.
   */
  readonly partial?: boolean;
}

function flatten(errors: readonly ClassValidatorError[], prefix: string, out: FieldViolation[]): void {
  for (const e of errors) {
    const path = prefix === '' ? e.property : `${prefix}.${e.property}`;
    if (e.constraints !== undefined && Object.keys(e.constraints).length > 0) out.push(Object.freeze({ property: path, constraints: Object.freeze({ ...e.constraints }) }));
    if (e.children !== undefined && e.children.length > 0) flatten(e.children, path, out);
  }
}

/** Validates an entity instance; throws ValidationError listing every failing field. Entities without constraints pass. */
export async function validateEntity(entity: object, options: ValidateOptions = {}): Promise<void> {
  const errors = await validate(entity, {
    forbidUnknownValues: false,
    skipMissingProperties: options.partial !== false,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return;
  const violations: FieldViolation[] = [];
  flatten(errors, '', violations);
  throw new ValidationError(entity.constructor.name, violations);
}
