'use strict';
// Mocha's spec reporter, plus the one closing line CI reads: "N passed, N failed".
// A run that executed no test at all counts as a failure: a suite that runs nothing proves nothing.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, tests } = runner.stats ?? this.stats;
      if (tests === 0 && failures === 0) {
        process.exitCode = 1;
        console.log('No test ran: check the spec globs in package.json.');
        console.log('0 passed, 1 failed');
        return;
      }
      console.log(`${passes} passed, ${failures} failed`);
    });
  }
}

module.exports = SummaryReporter;
