// A wrong use of the JsExportTypes test addon: tsc --strict must reject it.
import { load } from '../../loader/index.js';
import type * as JsExportTypes from '../target/classes/JsExportTypes.js';

const addon = load<typeof JsExportTypes>('test-addons.jar', { addon: 'dev.napijava.tests.JsExportTypes' });

addon.add('1', 2);
addon.nextColor('PURPLE');
