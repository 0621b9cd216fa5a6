// A very small test runner: named checks, each passing or failing with a message; a summary line.
'use strict';
const assert = require('assert');

class Results {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  // Runs one named check; a thrown error fails it. Resolves to the check's value (undefined on failure).
  async check(name, fn) {
    const began = Date.now();
    try {
      const value = await fn();
      this.passed++;
      console.log(`  ok    ${name} (${Date.now() - began} ms)`);
      return value;
    } catch (error) {
      this.failed++;
      console.log(`  FAIL  ${name}\n        ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n        ')}`);
      return undefined;
    }
  }

  summary() {
    console.log(`\n${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0;
  }
}

module.exports = { Results, assert };
