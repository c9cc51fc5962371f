// Every contender the suite knows, baseline first (the ratios divide by it).
import { cassandraOrm, cassandraOrmValidated } from './cassandra-orm.js';
import type { ContenderPlugin } from './contender.js';
import { driverMapper } from './driver-mapper.js';
import { expressCassandraContender } from './express-cassandra.js';
import { rawDriver } from './raw-driver.js';

/** The contenders in table order; the first is the baseline. */
export const CONTENDERS: readonly ContenderPlugin[] = [rawDriver, cassandraOrm, cassandraOrmValidated, driverMapper, expressCassandraContender];
