// The child side of `--isolate` (isolated.ts): one contender in a Node process of its own, set up,
// measured slice by slice and closed on the parent's requests. Started by `ContenderProcess`, never
// by hand: it talks only over the IPC channel.
import { benchNode } from './bench-node.js';
import type { Contender, ContenderPlugin } from './contenders/contender.js';
import { rawDriverControl } from './contenders/raw-driver.js';
import { CONTENDERS } from './contenders/registry.js';
import { measureSlice } from './measure.js';
import type { Reply, Request } from './isolated.js';
import { streamRetentionOf } from './stream-retention.js';
import { workloads, type Workload, type WorkloadName } from './workloads.js';

const send = process.send?.bind(process);
if (send === undefined) {
  process.stderr.write('contender-process.js runs only as a child of `npm run bench -- --isolate`\n');
  process.exit(2);
}

let plugin: ContenderPlugin | undefined;
let contender: Contender | undefined;
let lane = 0;
let byName = new Map<WorkloadName, Workload>();
/** process.cpuUsage() when the last slice ended: the CPU spent after it is carried into the next one. */
let lastEnd: NodeJS.CpuUsage | undefined;

function ready(): Contender {
  if (contender === undefined) throw new Error('the contender process was asked to measure before it was set up');
  return contender;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.kind) {
    case 'setup': {
      plugin = [...CONTENDERS, rawDriverControl].find((p) => p.name === request.contender);
      if (plugin === undefined) throw new Error(`unknown contender '${request.contender}'`);
      lane = request.lane;
      byName = new Map(workloads(request.sizes, request.concurrency).map((w) => [w.name, w]));
      contender = plugin.create(benchNode());
      await contender.setup(request.keyspace);
      return undefined;
    }
    case 'slice': {
      const measured = ready();
      const workload = byName.get(request.workload);
      if (workload === undefined) throw new Error(`unknown workload '${request.workload}'`);
      const start = process.cpuUsage();
      const carried = lastEnd === undefined ? 0 : start.user + start.system - (lastEnd.user + lastEnd.system);
      const slice = await measureSlice(workload, measured, lane, request.round, request.from, request.to);
      lastEnd = process.cpuUsage();
      return { ...slice, cpuUs: slice.cpuUs + carried, carriedCpuUs: carried };
    }
    case 'retention':
      return streamRetentionOf(ready(), request.rows, request.pageSize);
    case 'close':
      await contender?.close();
      contender = undefined;
      return undefined;
  }
}

process.on('message', (message: Request) => {
  void handle(message).then(
    (value): void => {
      send({ id: message.id, ok: true, value } satisfies Reply);
    },
    (error: unknown): void => {
      send({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    },
  );
});
// The parent closing the channel (it exited, or it is done with this contender) ends the process.
process.on('disconnect', () => {
  const closing = contender?.close() ?? Promise.resolve();
  void closing.catch(() => undefined).finally(() => process.exit(0));
});
