// Uses the classes of the JsExportClasses test addon through their generated declarations; must compile with tsc --strict.
import { load } from '../../loader/index.js';
import type * as JsExportClasses from '../target/classes/JsExportClasses.js';

const addon = load<typeof JsExportClasses>('test-addons.jar', { addon: 'dev.napijava.tests.JsExportClasses' });

const account: JsExportClasses.Account = new addon.Account('ada', 100);
const balance: number = account.deposit(5) + account.balance;
const owner: string = account.owner;
const frozen: boolean = account.frozen;
const same: JsExportClasses.Account = account.transfer(new addon.Account('bo', 0), 1);
const richer: JsExportClasses.Account | null = account.richer();
const joint: JsExportClasses.Account = addon.Account.joint(account, same);
const later: Promise<JsExportClasses.Account> = account.openLater('cy');
const statement: JsExportClasses.Statement = account.statement();
account.visit((a) => a.freeze());
const vec: JsExportClasses.Vec = new addon.Vec(3, 4).plus(addon.unit());
const total: number = addon.totalBalance(account, joint) + vec.length() + vec.x + addon.Account.opened();
account.dispose();
console.log(balance, owner, frozen, richer, later, statement.owner, total);
