// Where the end-to-end tests find the built project.
'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
module.exports = {
  ROOT,
  DIST: path.join(ROOT, 'dist'),
  CLI: path.join(ROOT, 'target/release/quotelens'),
  CORPUS: path.join(ROOT, 'tests/corpus'),
  SEED_PAGE: path.join(ROOT, 'tests/corpus/pages/seed/source.html'),
  ARTIFACTS: path.join(ROOT, 'artifacts'),
  TOOLS: path.join(ROOT, '.tools/node_modules'),
};
