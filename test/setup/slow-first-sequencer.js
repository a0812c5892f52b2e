// Orders test files so that the slowest start first and the two Jest workers finish together. Jest's
// own order uses the durations of the last run on this machine when its cache has them, and file
// size otherwise: on a clean clone the real-Terraform files (small files, long runs) would start last
// and one worker would run alone for minutes at the end. The expected seconds of the known slow files
// (slow-test-files.json) fill that gap; a file Jest has timed uses its own last duration. Files with
// neither keep Jest's order, after the slow ones. Failures of the last run still go first.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { files: SLOW_FILES } = require('./slow-test-files.json');

/** Seconds below which a file is ordered by Jest alone. */
const SLOW_SECONDS = 15;

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests); // sets test.duration (ms) from Jest's cache when it has one
    const position = new Map(jestOrder.map((test, index) => [test, index]));
    const expectedSeconds = (test) => {
      if (test.duration != null) return test.duration / 1000;
      const listed = SLOW_FILES[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')];
      return listed ? listed.seconds : 0;
    };
    const slow = (test) => expectedSeconds(test) >= SLOW_SECONDS;
    return [...jestOrder].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      if (slow(a) !== slow(b)) return slow(a) ? -1 : 1;
      if (slow(a)) return expectedSeconds(b) - expectedSeconds(a);
      return position.get(a) - position.get(b);
    });
  }
}

module.exports = SlowFirstSequencer;
