// Interop helper for tests/e2e/slip39_test.cpp, run with node and the slip39 npm package
// (slip39-js, an independent SLIP-39 implementation): "recover [PASSPHRASE]" reads mnemonics on
// stdin and prints the secret in hex; "split HEX [PASSPHRASE]" prints the mnemonics of a
// 2-of-2-groups split (2of3, 3of5; extendable), group by group.
const Slip39 = require('slip39');
const fs = require('fs');
const [mode, arg1, arg2] = process.argv.slice(2);
if (mode === 'recover') {
  const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const secret = Slip39.recoverSecret(lines, arg1 || '');
  process.stdout.write(Buffer.from(secret).toString('hex') + '\n');
} else if (mode === 'split') {
  const groups = [[2, 3], [3, 5]];
  const slip = Slip39.fromArray(Array.from(Buffer.from(arg1, 'hex')), {
    passphrase: arg2 || '', threshold: 2, groups, iterationExponent: 1, extendableBackupFlag: 1});
  groups.forEach((g, i) => {
    for (let m = 0; m < g[1]; ++m) process.stdout.write(slip.fromPath(`r/${i}/${m}`).mnemonics[0] + '\n');
  });
}
