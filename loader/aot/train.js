'use strict';
// The AOT training run (see ../aot.js): boots the JVM in record mode, exercises the common
// paths (of addons, then of the dynamic bridge, unless NAPI_JAVA_AOT_TRAIN_BRIDGE=0), writes the
// options the cache step needs to <out>, and exits the JVM to write the record.
const fs = require('node:fs');
const path = require('node:path');
const { load } = require('..');

const [conf, out] = process.argv.slice(2);
const launcher = require(require('../platform.js').launcherPath());
const training = load(path.join(__dirname, '..', 'runtime', 'addon-api.jar'), {
  addon: 'dev.napijava.internal.Training',
  // No attach socket (jcmd's): the run ends with System.exit, and hosts that skip C exit
  // handlers (Bun, Deno) would leave /tmp/.java_pid<pid> behind.
  jvmOptions: ['-XX:AOTMode=record', `-XX:AOTConfiguration=${conf}`, '-Dnapijava.aot.training=true', '-Xlog:aot=off', '-Xlog:cds=off',
    '-XX:+DisableAttachMechanism'],
});
for (let i = 0; i < 200; i++) {
  training.echo(`text ${i}`);
  training.add(i, 2);
  training.callback((value, text, number) => [value, text, number], { i });
  training.object();
  try {
    training.fail(() => { throw new Error('expected'); });
  } catch {
    // the training exercises the error path on purpose
  }
}
if (process.env.NAPI_JAVA_AOT_TRAIN_BRIDGE !== '0') {
  // napi-java/java's paths too (=0 leaves them out, for jmh/aot-bridge.mjs's comparison)
  try {
    require('./train-bridge.js')(200);
  } catch {
    // the bridge's part is extra: a cache without it still serves every addon
  }
}
const { options } = launcher.state();
const keep = options.filter((option) => option.startsWith('--') || option.startsWith('-Xmx'));
fs.writeFileSync(out, JSON.stringify({ options: keep }, null, 2) + '\n');
training.exit();
