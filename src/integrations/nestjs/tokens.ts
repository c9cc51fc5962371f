// Injection tokens of the Nest module: one per connection alias and one per entity and alias.
import { Inject } from '@nestjs/common';

/** The ConnectionRegistry the module opened. */
export const CASSANDRA_REGISTRY = Symbol.for('cassandra-orm:nestjs:registry');
/** The module's settings (what forRoot got, or forRootAsync's factory returned). */
export const CASSANDRA_MODULE_OPTIONS = Symbol.for('cassandra-orm:nestjs:options');

/** The alias `undefined` stands for: the registry's default connection. */
const DEFAULT = '\0default';

/** The token of the connection with this alias (the default connection when omitted). */
export function getConnectionToken(alias?: string): string {
  return `cassandra-orm:connection:${alias ?? DEFAULT}`;
}

/** The token of the Repository of `entity` on the connection with this alias (the entity's own, else the default, when omitted). */
export function getRepositoryToken(entity: abstract new (...args: never[]) => object, alias?: string): string {
  return `cassandra-orm:repository:${entity.name}:${alias ?? DEFAULT}`;
}

/** Injects the Repository of `entity` registered with `CassandraOrmModule.forFeature([entity], alias)`. */
export function InjectRepository(entity: abstract new (...args: never[]) => object, alias?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getRepositoryToken(entity, alias));
}

/** Injects the Connection with this alias (the default connection when omitted). */
export function InjectConnection(alias?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getConnectionToken(alias));
}
