// Run after `mvn package`: node examples/hello/hello.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { load } = require('../../loader'); // in your project: require('napi-java')
const hello = load(new URL('target/hello.jar', import.meta.url).pathname);
console.log(hello.hello('world'));
