// The little of express-cassandra's API the benchmark uses; the package ships no TypeScript types.
declare module 'express-cassandra' {
  import type cassandra from 'cassandra-driver';

  export interface ModelInstance {
    saveAsync(options?: object): Promise<unknown>;
    save(options: { return_query: true }): BatchQuery;
  }

  export interface BatchQuery {
    readonly query: string;
    readonly params: unknown[];
  }

  export interface StreamReader {
    readRow(): object | null;
  }

  export interface ModelClass {
    new (values: object): ModelInstance;
    syncDBAsync(): Promise<unknown>;
    findOneAsync(query: object, options?: object): Promise<object | undefined>;
    findAsync(query: object, options?: object): Promise<object[]>;
    updateAsync(query: object, values: object, options?: object): Promise<unknown>;
    stream(query: object, options: object, onReadable: (this: StreamReader, reader: StreamReader) => void, done: (err?: Error) => void): void;
    /** Raw CQL through the model's driver client (prepared by default); resolves with the driver's result. */
    execute_queryAsync(query: string, params: unknown[], options?: object): Promise<{ readonly rows: object[] }>;
    eachRow(query: object, options: object, onRow: (n: number, row: object) => void, done: (err: Error | undefined, result: { readonly pageState?: string | null } | undefined) => void): void;
  }

  export interface ModelSchema {
    fields: Record<string, string>;
    key: (string | string[])[];
    clustering_order?: Record<string, 'asc' | 'desc'>;
    table_name?: string;
  }

  export interface ClientOptions {
    clientOptions: cassandra.ClientOptions & { keyspace: string };
    ormOptions: {
      defaultReplicationStrategy?: object;
      migration?: 'safe' | 'alter' | 'drop';
      createKeyspace?: boolean;
      disableTTYConfirmation?: boolean;
    };
  }

  export interface ExpressCassandraClient {
    initAsync(): Promise<void>;
    loadSchema(name: string, schema: ModelSchema): ModelClass;
    doBatchAsync(queries: BatchQuery[], options?: object): Promise<unknown>;
    closeAsync(): Promise<void>;
  }

  interface ExpressCassandra {
    createClient(options: ClientOptions): ExpressCassandraClient;
  }

  const expressCassandra: ExpressCassandra;
  export default expressCassandra;
}
