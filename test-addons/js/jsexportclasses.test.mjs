// @JsExport classes: Java classes exported as JS classes by generated glue (JsExportClasses.java):
// construction, methods, getters, record components, statics, instances as parameters and results,
// wrong `this` and wrong instances, subclasses, disposal, workers, and the generated .d.ts with tsc.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic, tsc } from './support.mjs';

const addon = loadTopic('JsExportClasses');
const { Account, Vec } = addon;
const notInstance = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message });

test('JsExport class: new runs the exported constructor; methods and getters run on the Java object', () => {
  const account = new Account('ada', 100);
  assert.ok(account instanceof Account);
  assert.equal(account.deposit(50), 150);
  assert.equal(account.balance, 150);
  assert.equal(account.owner, 'ada');
  assert.equal(account.frozen, false);
  account.freeze();
  assert.equal(account.frozen, true);
  assert.throws(() => account.deposit(1), /ada's account is frozen/);
  assert.equal(Object.prototype.toString.call(account), '[object Account]');
  assert.equal(Account.name, 'Account');
});

test('JsExport class: getters are read-only accessors on the prototype; unmarked methods are not exported', () => {
  const account = new Account('bo', 1);
  const descriptor = Object.getOwnPropertyDescriptor(Account.prototype, 'balance');
  assert.equal(typeof descriptor.get, 'function');
  assert.equal(descriptor.set, undefined);
  assert.throws(() => { account.balance = 7; }, TypeError);
  assert.equal(account.balance, 1);
  assert.equal(account.secret, undefined);
  assert.equal(account.getBalance, undefined);
});

test('JsExport class: statics are members of the class and return instances', () => {
  const before = Account.opened();
  const joint = Account.joint(new Account('a', 1), new Account('b', 2));
  assert.ok(joint instanceof Account);
  assert.equal(joint.owner, 'a&b');
  assert.equal(joint.balance, 3);
  assert.equal(Account.opened(), before + 3);
});

test('JsExport class: an instance passed back as a parameter is its Java object; a result is the same JS object', () => {
  const a = new Account('c', 10);
  const b = new Account('d', 0);
  assert.equal(a.transfer(b, 4), a);
  assert.equal(b.balance, 4);
  assert.equal(a.richer(b), a);
  assert.equal(a.richer(), a);
  assert.equal(a.richer(null), a);
  assert.equal(new Account('e', 4).richer(b), null);
  const pair = a.pair(b);
  assert.equal(pair[0], a);
  assert.equal(pair[1], b);
  let seen;
  a.visit((x) => { seen = x; });
  assert.equal(seen, a);
  assert.equal(addon.totalBalance(a, b), 10);
  assert.deepEqual(a.statement(), { owner: 'c', balance: 6 });
});

test('JsExport class: a Promise of an instance resolves to a wrapper of the class', async () => {
  const made = await new Account('f', 0).openLater('g');
  assert.ok(made instanceof Account);
  assert.equal(made.owner, 'g');
});

test('JsExport class: a record class has its components as read-only properties', () => {
  const v = new Vec(3, 4);
  assert.equal(v.x, 3);
  assert.equal(v.y, 4);
  assert.equal(v.length(), 5);
  const sum = v.plus(addon.unit());
  assert.ok(sum instanceof Vec);
  assert.deepEqual([sum.x, sum.y], [4, 4]);
});

test('JsExport class: a wrong instance as a parameter is a TypeError naming the parameter and the class', () => {
  const account = new Account('h', 1);
  assert.throws(() => account.transfer({}, 1),
    notInstance("Account.transfer(): argument 'to' (#1) must be an instance of Account, got another object"));
  assert.throws(() => account.transfer(new Vec(1, 2), 1),
    notInstance("Account.transfer(): argument 'to' (#1) must be an instance of Account, got another object"));
  assert.throws(() => account.transfer(undefined, 1),
    notInstance("Account.transfer(): argument 'to' (#1) must be an instance of Account, got undefined"));
  assert.throws(() => addon.totalBalance(account, 5),
    notInstance("totalBalance(): argument 'accounts' (#2) must be an instance of Account, got number"));
  assert.throws(() => new Vec(1, 2).plus(account),
    notInstance("Vec.plus(): argument 'other' (#1) must be an instance of Vec, got another object"));
  assert.throws(() => Account.joint(account, 'x'),
    notInstance("Account.joint(): argument 'b' (#2) must be an instance of Account, got string"));
  assert.throws(() => new Account('i', 'x'), { name: 'TypeError', message: /Account\(\): argument 'cents' \(#2\) must be/ });
});

test('JsExport class: a wrong this is a TypeError naming the class; calling the class without new is a TypeError', () => {
  const deposit = Account.prototype.deposit;
  assert.throws(() => deposit.call({}, 1), { name: 'TypeError', code: 'ERR_INVALID_THIS', message: /'this' must be a Account instance/ });
  assert.throws(() => deposit.call(new Vec(1, 1), 1), { name: 'TypeError', code: 'ERR_INVALID_THIS' });
  const balance = Object.getOwnPropertyDescriptor(Account.prototype, 'balance').get;
  assert.throws(() => balance.call(null), { name: 'TypeError', code: 'ERR_INVALID_THIS' });
  assert.throws(() => Account('j', 1), TypeError);
});

test('JsExport class: a Java exception in the constructor is a JS Error and makes no instance', () => {
  assert.throws(() => new Account('k', -1), /cannot open below zero/);
});

test('JsExport class: a JS subclass inherits the Java methods and passes as an instance', () => {
  class Savings extends Account {
    interest(rate) { return this.deposit(Math.round(this.balance * rate)); }
  }
  const savings = new Savings('l', 100);
  assert.ok(savings instanceof Savings && savings instanceof Account);
  assert.equal(savings.interest(0.1), 110);
  const other = new Account('m', 0);
  savings.transfer(other, 10);
  assert.equal(other.balance, 10);
  assert.equal(other.richer(savings), savings);
});

test('JsExport class: an AutoCloseable instance is closed once by dispose(); afterwards it refuses calls and parameters', () => {
  const account = new Account('closing-jsexport', 5);
  account.dispose();
  account.dispose();
  assert.equal(addon.closed('closing-jsexport'), 1);
  assert.throws(() => account.deposit(1), { code: 'ERR_NAPI_JAVA_DISPOSED' });
  assert.throws(() => new Account('n', 1).transfer(account, 1), { code: 'ERR_NAPI_JAVA_DISPOSED' });
});

test('JsExport class: a worker gets its own class, and instances do not cross envs', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.JsExportClasses' });
    const a = new addon.Account('worker-jsexport', 2);
    const b = new addon.Account('worker-jsexport-2', 3);
    a.transfer(b, 1);
    parentPort.once('message', (mainAccount) => {
      let error;
      try { a.transfer(mainAccount, 1); } catch (e) { error = e.name + ': ' + e.message; }
      parentPort.postMessage({ balances: [a.balance, b.balance], same: a.transfer(b, 0) === a,
        instance: a instanceof addon.Account, total: addon.totalBalance(a, b), error });
    });`;
  const worker = new Worker(source, { eval: true });
  const reply = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage({ owner: 'plain object from main' });
  const result = await reply;
  await worker.terminate();
  assert.deepEqual(result.balances, [1, 4]);
  assert.equal(result.same, true);
  assert.equal(result.instance, true);
  assert.equal(result.total, 5);
  assert.match(result.error, /TypeError: Account.transfer\(\): argument 'to' \(#1\) must be an instance of Account, got another object/);
  // The main thread's class still works after the worker's env is gone.
  assert.equal(new Account('after-worker', 1).deposit(1), 2);
});

// The TypeScript checks: the generated declarations of the classes, used with tsc --strict.
test('JsExport class declarations: a correct use of the classes compiles with tsc --strict', () => {
  const { status, output } = tsc('jsexport-classes-use.ts');
  assert.equal(status, 0, output);
});

test('JsExport class declarations: wrong uses of the classes fail to compile with tsc --strict', () => {
  const { status, output } = tsc('jsexport-classes-wrong.ts');
  assert.notEqual(status, 0, output);
  assert.match(output, /jsexport-classes-wrong\.ts\(8,\d+\): error TS2540: Cannot assign to 'balance' because it is a read-only property/);
  assert.match(output, /jsexport-classes-wrong\.ts\(9,\d+\): error TS2345: Argument of type 'Vec' is not assignable to parameter of type 'Account'/);
  assert.match(output, /jsexport-classes-wrong\.ts\(10,\d+\): error TS2554: Expected 2 arguments, but got 1/);
  assert.match(output, /jsexport-classes-wrong\.ts\(11,\d+\): error TS2339: Property 'secret' does not exist on type 'Account'/);
});
