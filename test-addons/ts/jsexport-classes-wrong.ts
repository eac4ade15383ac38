// Wrong uses of the classes of the JsExportClasses test addon: tsc --strict must reject each (the test checks the lines).
import { load } from '../../loader/index.js';
import type * as JsExportClasses from '../target/classes/JsExportClasses.js';

const addon = load<typeof JsExportClasses>('test-addons.jar', { addon: 'dev.napijava.tests.JsExportClasses' });
const account = new addon.Account('ada', 100);

account.balance = 5;
account.transfer(new addon.Vec(1, 2), 1);
new addon.Account('bo');
account.secret();
