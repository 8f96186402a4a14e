// Writes a backup file the way dynamo-backup-to-s3 (github.com/markitx/dynamo-backup-to-s3)
// writes one, following the rules of its lib/dynamo-backup.js that docs/FORMATS.md sets out; it is
// not that project's code. Input on stdin: one typed-JSON item a line, binaries as Base64. Each
// binary becomes a Node Buffer, as the AWS SDK for JavaScript v2 returns it from a Scan; each item
// is then written with JSON.stringify and a line feed.
//
//   node dynamo-backup-to-s3-file.js [--buffers|--base64-binary|--save-datapipeline-format]
//       < items > file
//
// --buffers: every binary a Buffer, the tool's default.
// --base64-binary: the top-level "B" values become Base64 strings first (nested ones stay Buffers).
// --save-datapipeline-format: type names as AWS Data Pipeline spells them ("s", "bOOL", "sS", ...).
'use strict';

const readline = require('readline');

const base64Binary = process.argv.includes('--base64-binary');
const dataPipeline = process.argv.includes('--save-datapipeline-format');

const PIPELINE_NAMES = {
  S: 's', N: 'n', B: 'b', M: 'm', L: 'l', NULL: 'nULL', BOOL: 'bOOL', SS: 'sS', NS: 'nS', BS: 'bS',
};

function buffers(value) {
  if (value.B !== undefined) {
    value.B = Buffer.from(value.B, 'base64');
  } else if (value.BS !== undefined) {
    value.BS = value.BS.map((b) => Buffer.from(b, 'base64'));
  } else if (value.L !== undefined) {
    value.L.forEach(buffers);
  } else if (value.M !== undefined) {
    Object.values(value.M).forEach(buffers);
  }
}

// Renames the type of each value of an item (or list), and recurses into maps and lists; the
// original key is set to undefined, which JSON.stringify leaves out.
function pipeline(attributes) {
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    for (const type of Object.keys(value)) {
      const v = value[type];
      value[PIPELINE_NAMES[type]] = v;
      value[type] = undefined;
      if (type === 'M' || type === 'L') {
        pipeline(v);
      }
    }
  }
}

const out = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') {
    return;
  }
  const item = JSON.parse(line);
  Object.values(item).forEach(buffers);
  if (base64Binary) {
    for (const value of Object.values(item)) {
      if (value && value.B) {
        value.B = Buffer.from(value.B).toString('base64');
      }
    }
  }
  if (dataPipeline) {
    pipeline(item);
  }
  out.push(JSON.stringify(item));
  out.push('\n');
}).on('close', () => process.stdout.write(out.join('')));
