// Copies the grammar and language configuration from Grammar/ into the
// extension, so the packaged extension carries its own copies.
'use strict';

const fs = require('fs');
const path = require('path');

const extension = path.join(__dirname, '..');
const grammar = path.join(extension, '..', '..', 'Grammar');

fs.mkdirSync(path.join(extension, 'syntaxes'), { recursive: true });
fs.copyFileSync(path.join(grammar, 'tally.tmLanguage.json'), path.join(extension, 'syntaxes', 'tally.tmLanguage.json'));
fs.copyFileSync(path.join(grammar, 'language-configuration.json'), path.join(extension, 'language-configuration.json'));
console.log('copied Grammar/tally.tmLanguage.json and Grammar/language-configuration.json');
