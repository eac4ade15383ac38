'use strict';
// The dynamic bridge's part of the AOT training run (train.js): the paths a program that uses
// napi-java/java takes at start-up, on JDK classes only (no download, no jar of the user's):
// a classpath, imported classes, constructors, static and instance calls with overloads and
// varargs, fields, values both ways, list indexes and iteration, a JS function and a JS object
// as Java interfaces, an error. The classes, linked call sites and method handle forms that
// these make go into the cache, so that the bridge's first calls do not generate them again.
const { classpathSync } = require('../java.js');

module.exports = function trainBridge(rounds) {
  const jdk = classpathSync([], { name: 'training' });
  const { ArrayList, HashMap, Collections, List, Optional } = jdk.importPackage('java.util');
  const JMath = jdk.importClass('java.lang.Math');
  const JString = jdk.importClass('java.lang.String');
  const StringBuilder = jdk.importClass('java.lang.StringBuilder');
  const Thread = jdk.importClass('java.lang.Thread');
  const Integer = jdk.importClass('java.lang.Integer');
  for (let i = 0; i < rounds; i++) {
    JMath.max(i, 2);
    JMath.max(i + 0.5, 2);
    JMath.abs(-i);
    JString.format('%s-%d', 'a', i);
    JString.valueOf(i);
    Integer.MAX_VALUE;
    const text = new StringBuilder('x');
    text.append(i).append('y').append(true).append(2.5);
    text.toString();
    text.length();
    const list = new ArrayList();
    list.add('a');
    list.add(i);
    list.get(0);
    list.size();
    list.length;
    list[1];
    list.at(-1);
    list[2] = 'b';
    for (const element of list) String(element);
    Collections.sort(list, (a, b) => String(a).localeCompare(String(b)));
    const map = new HashMap({ a: 1, b: 'two' });
    map.put('c', [1, 2]);
    map.get('a');
    for (const [key, value] of map) String(key) + String(value);
    List.of(1, 2, 3);
    Optional.ofNullable(i % 2 ? null : 'x');
    new Thread(jdk.newProxy('java.lang.Runnable', { run() {} })).run();
    try {
      new ArrayList(-1);
    } catch {
      // the training exercises the error path on purpose
    }
  }
};
