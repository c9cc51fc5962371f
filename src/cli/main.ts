#!/usr/bin/env node
// The `cassandra-orm` executable. Everything lives in run.ts; this file only wires the process in.
import 'reflect-metadata';
import { processIo } from './io.js';
import { run } from './run.js';

const status = await run(process.argv.slice(2), processIo());
// Let pending output drain, then leave even if a driver timer or stdin still holds the loop open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
