// Garbage across the two heaps: each heap learns the other's pressure (figures printed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { JAR, LOADER, NO_RSS, scaled } from './support.mjs';

/** Runs an ES module in a child Node with `nodeFlags`, the CrossHeap addon loaded as `addon` with `jvmOptions`. */
function runWith({ nodeFlags = [], jvmOptions = [] }, body) {
  const source = `
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.CrossHeap', jvmOptions: ${JSON.stringify(jvmOptions)} });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const mb = (bytes) => Math.round(bytes / 2 ** 20);
    ${body}`;
  const result = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', source], { encoding: 'utf8', timeout: scaled(240_000) });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function report(child) {
  assert.equal(child.signal, null, `killed by ${child.signal}\n${child.stderr.slice(-3000)}`);
  assert.equal(child.status, 0, child.stderr.slice(-3000));
  const figures = JSON.parse(child.stdout.trim().split('\n').pop());
  console.log(`  ${JSON.stringify(figures)}`);
  return figures;
}

test('JS drops 2,500 Java functions that each hold a 1 MB Java array, with -Xmx256m: V8 learns the Java heap\'s pressure, no OutOfMemoryError', () => {
  const figures = report(runWith({ jvmOptions: ['-Xmx256m'] }, `
    let peakJavaMb = 0, peakRssMb = 0, made = 0;
    for (let i = 0; i < 2500; i++) {
      const f = addon.holder(1);
      if (f() !== 2 ** 20) throw new Error('wrong holder');
      made++;
      if (i % 10 === 9) {
        await turn(); // the event loop runs: V8's GC tasks and Node's finalizers
        peakJavaMb = Math.max(peakJavaMb, addon.javaHeap().usedMb);
        peakRssMb = Math.max(peakRssMb, mb(process.memoryUsage().rss));
      }
    }
    console.log(JSON.stringify({ made, javaHeldMb: made, peakJavaMb: Math.round(peakJavaMb), maxJavaMb: addon.javaHeap().maxMb, peakRssMb }));`));
  assert.equal(figures.made, 2500);
  assert.ok(figures.peakJavaMb <= figures.maxJavaMb, 'the Java heap stayed within its limit');
  assert.ok(figures.peakRssMb < 1500, `peak RSS ${figures.peakRssMb} MB`);
});

test('a synchronous JS loop that never yields drops Java functions that each hold a 1 MB Java array (2500 of them, -Xmx256m): no OutOfMemoryError', () => {
  const figures = report(runWith({ jvmOptions: ['-Xmx256m'] }, `
    let made = 0;
    for (let i = 0; i < 2500; i++) {
      const f = addon.holder(1);
      if (f() !== 2 ** 20) throw new Error('wrong holder');
      made++;
    }
    console.log(JSON.stringify({ made, javaHeldMb: made, maxJavaMb: addon.javaHeap().maxMb }));`));
  assert.equal(figures.made, 2500);
});

test('Java drops 3,000 unclosed JsRefs to 1 MB JS arrays, with --max-old-space-size=256: Java learns V8\'s pressure, no "Reached heap limit"', () => {
  const figures = report(runWith({ nodeFlags: ['--max-old-space-size=256'] }, `
    let peakV8Mb = 0, peakRssMb = 0, made = 0;
    for (let i = 0; i < 3000; i++) {
      addon.dropRef(new Array(131072).fill(i + 0.5)); // 1 MB of doubles
      made++;
      if (i % 10 === 9) {
        await turn(); // the releases that the Java cleaner posted run
        const usage = process.memoryUsage();
        peakV8Mb = Math.max(peakV8Mb, mb(usage.heapUsed));
        peakRssMb = Math.max(peakRssMb, mb(usage.rss));
      }
    }
    console.log(JSON.stringify({ made, jsReferencedMb: made, peakV8Mb, peakRssMb }));`));
  assert.equal(figures.made, 3000);
  assert.ok(figures.peakV8Mb < 256, `V8 heap peaked at ${figures.peakV8Mb} MB`);
  assert.ok(figures.peakRssMb < 1500, `peak RSS ${figures.peakRssMb} MB`);
});

test('a JS object <-> Java function cycle: a strong JsRef keeps both (documented), a weak JsRef lets V8 collect them', () => {
  const figures = report(runWith({ nodeFlags: ['--expose-gc'] }, `
    const strong = new WeakRef(addon.pairStrong({ big: new Array(1000).fill(1) }));
    const weak = new WeakRef(addon.pairWeak({ big: new Array(1000).fill(1) }));
    if (weak.deref().callback() !== true) throw new Error('the weak reference did not see its object');
    for (let i = 0; i < 3; i++) { await turn(); globalThis.gc(); }
    console.log(JSON.stringify({ strongPairAlive: strong.deref() !== undefined, weakPairAlive: weak.deref() !== undefined }));`));
  assert.deepEqual(figures, { strongPairAlive: true, weakPairAlive: false });
});

test('JS object <-> Java function pairs with weak back references: 5,000 pairs holding 100 KB each stay bounded under --max-old-space-size=256', () => {
  const figures = report(runWith({ nodeFlags: ['--max-old-space-size=256'] }, `
    let peakV8Mb = 0, made = 0;
    for (let i = 0; i < 5000; i++) {
      const pair = addon.pairWeak({ big: new Array(12800).fill(i + 0.5) });
      if (pair.callback() !== true) throw new Error('lost its object');
      made++;
      if (i % 50 === 49) { await turn(); peakV8Mb = Math.max(peakV8Mb, mb(process.memoryUsage().heapUsed)); }
    }
    console.log(JSON.stringify({ made, pairsMb: Math.round(made * 0.1), peakV8Mb }));`));
  assert.equal(figures.made, 5000);
  assert.ok(figures.peakV8Mb < 256, `V8 heap peaked at ${figures.peakV8Mb} MB`);
});

test('a 50M-character string read by Java does not keep its 100 MB scratch buffer: RSS drops at the next string', { skip: NO_RSS }, () => {
  const figures = report(runWith({ nodeFlags: ['--expose-gc'], jvmOptions: ['-Xms600m', '-Xmx600m', '-XX:+AlwaysPreTouch'] }, `
    for (let i = 0; i < 100; i++) addon.stringLength('warm-up ' + i);
    let big = 'x'.repeat(50_000_000) + 'é';
    const length = addon.stringLength(big);
    big = null;
    globalThis.gc();
    const afterBig = mb(process.memoryUsage().rss);
    addon.stringLength('small');
    globalThis.gc();
    const afterSmall = mb(process.memoryUsage().rss);
    console.log(JSON.stringify({ length, afterBigMb: afterBig, afterSmallMb: afterSmall, releasedMb: afterBig - afterSmall }));`));
  assert.equal(figures.length, 50_000_001);
  assert.ok(figures.releasedMb >= 80, `RSS fell by ${figures.releasedMb} MB at the next string, expected the ~100 MB buffer`);
});
