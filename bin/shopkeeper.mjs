#!/usr/bin/env node
// The `shopkeeper` command: `shopkeeper <command> [options]`. Each command is a module in js/cli/
// exporting `summary`, `usage` and `run(args, io)`; this file only picks one and reports failures.

const COMMANDS = {
  report: '../js/cli/report.js',
  simulate: '../js/cli/simulate.js',
  'simulate-traffic': '../js/cli/simulate-traffic.js',
  validate: '../js/cli/validate.js',
};

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
const [name, ...args] = process.argv.slice(2);
// A reader that stopped reading (shopkeeper ... | head) has all it wanted: no "write EPIPE" stack.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

async function main() {
  const help = !name || name === '--help' || name === '-h';
  if (help || !Object.hasOwn(COMMANDS, name)) {
    const list = await Promise.all(Object.entries(COMMANDS).map(async ([cmd, path]) => `  ${cmd.padEnd(18)} ${(await import(path)).summary}`));
    const unknown = help ? '' : `unknown ${name.startsWith('-') ? 'option' : 'command'} "${name}"\n\n`;
    (help ? io.stdout : io.stderr).write(`${unknown}usage: shopkeeper <command> [options]\n\n${list.join('\n')}\n\nshopkeeper <command> --help for its options.\n`);
    return help ? 0 : 2;
  }
  return (await import(COMMANDS[name])).run(args, io);
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  io.stderr.write(`shopkeeper ${name}: ${error && error.usage ? `${error.message}\n(shopkeeper ${name} --help for the options)` : error && error.message}\n`);
  process.exitCode = error && error.usage ? 2 : 1;
});
