// Parses PowerShell scripts with the tree-sitter-powershell grammar (web-tree-sitter) and
// prints one JSON line per script: where the tree has ERROR or MISSING nodes, and the name of
// every command it calls. Used by the tests (PowerShellGrammar.java), which decide what fails.
//
//   node parse.mjs NODE_MODULES DIRECTORY     (every *.ps1 in DIRECTORY, in name order)
//
// The scripts are read as UTF-8 (the tests write them so); a leading BOM is an encoding mark
// to PowerShell, not code, and is refused here so that the tests decode it where they read
// what the runner wrote. The texts are given to the grammar exactly as read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tools, directory] = process.argv.slice(2);
const files = readdirSync(directory).filter((name) => name.endsWith('.ps1')).sort().map((name) => join(directory, name));
const { Parser, Language } = await import(pathToFileURL(join(tools, 'web-tree-sitter', 'web-tree-sitter.js')).href);
await Parser.init();
const language = await Language.load(join(tools, 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (text.startsWith('\uFEFF')) {
    throw new Error(file + ' starts with a BOM: decode it before parsing');
  }
  const tree = parser.parse(text);
  const errors = [];
  const commands = [];
  const walk = (node) => {
    if (node.isError || node.isMissing) {
      errors.push({
        kind: node.isMissing ? 'MISSING' : 'ERROR',
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        text: node.isMissing ? node.type : node.text.slice(0, 80),
      });
    }
    if (node.type === 'command_name') {
      commands.push(node.text);
    }
    for (const child of node.children) {
      walk(child);
    }
  };
  walk(tree.rootNode);
  process.stdout.write(JSON.stringify({ file, errors, commands }) + '\n');
  tree.delete();
}
