// Uses the JsExportTypes test addon through its generated declarations; must compile with tsc --strict.
import { load } from '../../loader/index.js';
import type * as JsExportTypes from '../target/classes/JsExportTypes.js';

const addon = load<typeof JsExportTypes>('test-addons.jar', { addon: 'dev.napijava.tests.JsExportTypes' });

const sum: number = addon.add(1, 2);
const person: JsExportTypes.Person = addon.makePerson('Ada', 36);
const color: JsExportTypes.Color = addon.nextColor('RED');
const maybe: string | undefined = addon.find('key');
const twice: number | null = addon.twiceOrNull();
const joined: string = addon.join(['a', 'b']);
const described: string = addon.describe({ name: 'Bob', age: 7, email: null });
const shouted: string = addon.callTwice('a', (s) => s.toUpperCase());
const later: Promise<number> = addon.later(1);
const nothing: Promise<void> = addon.nothingLater();
addon.fromThread('x', (err, value) => (err ? err.message : value.length));
const all: number = addon.sumAll(1, 2, 3);
const big: bigint = addon.square(3n);
console.log(sum, person.name, color, maybe, twice, joined, described, shouted, later, nothing, all, big);
