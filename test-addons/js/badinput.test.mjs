// Every exported test function, called with wrong types or too few arguments, throws a TypeError
// that names the argument and the expected type; extra arguments are ignored; the process keeps running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

// topic -> function -> parameters as "name:type"; "?" optional, "..." variadic.
const SIGNATURES = {
  Functions: {
    add: ['a:number', 'b:number'], noop: [], countArgs: ['...args'], argTypes: ['...values'],
    callWithThis: ['fn:function', 'thisArg:any', 'x?:any', 'y?:any'], callWithArgs: ['fn:function', '...args'],
    makeAdder: ['base:number'], callRepeatedly: ['fn:function', 'times:int32'], construct: ['ctor:function', 'arg:any'],
    thisName: [], returnsJava: [], systemProperty: ['name:string'], maxHeapMegabytes: [],
    argsAfterNestedCall: ['fn:function', 'text:string', 'n:number'],
  },
  Seeds: {
    processUserData: ['username:string', 'callback:function'], calculateSalary: ['baseAmount:number', 'callback:function'],
    scheduleNotification: ['delayMs:int64', 'callback:function'], processEvents: ['highPriority:function', 'lowPriority:function'],
    backgroundLogger: ['callback:function'], fetchUserProfile: ['userId:int64', 'callback:function'],
    performAsyncTask: ['callback:function'], performFailingTask: ['callback:function'],
  },
  Strings: {
    echo: ['text:string'], javaLength: ['text:string'], codeUnits: ['text:string'], fromCodeUnits: ['units:array'],
    repeat: ['text:string', 'count:int32'], concat: ['a:string', 'b:string'], upper: ['text:string'], coerce: ['value:any'],
    jsLength: ['text:string'],
  },
  Numbers: {
    echo: ['n:number'], isNegativeZero: ['n:number'], int32: ['n:int32'], int32PlusOne: ['n:int32'], int64: ['n:int64'],
    longToJs: ['decimal:string'], bigintEcho: ['n:bigint'], bigintToString: ['n:bigint'], bool: ['flag:boolean'],
  },
  Objects: {
    makePerson: ['name:string', 'age:number'], describe: ['person:object'], get: ['object:object', 'key:string'],
    set: ['object:object', 'key:string', 'value:any'], has: ['object:object', 'key:string'], hasOwn: ['object:object', 'key:string'],
    delete: ['object:object', 'key:string'], getByKey: ['object:object', 'key:any'], keys: ['object:object'],
    sum: ['numbers:array'], reverse: ['array:array'], globalLookup: ['name:string'], isInstance: ['object:object', 'ctor:function'],
  },
  Errors: {
    throwJava: ['message:string'], throwWithCause: [], throwTypeError: ['message:string'], throwRangeError: ['message:string'],
    catchJs: ['fn:function'], passThrough: ['fn:function'], caughtValue: ['fn:function'], jsStackSeen: ['fn:function'],
    nullPointer: [], stackOverflow: [], throwError: [], unconvertible: [],
  },
  Threads: {
    readOffThread: ['object:object'], createOffThread: [], callOffThread: ['fn:function'], handleOffThread: ['value:any'],
    isJsThread: [], threadName: [], asyncApiOffThread: ['object:object', 'fn:function'],
  },
  Threadsafe: {
    monitorSystemResources: ['callback:function'], startFileWatcher: ['callback:function'],
    downloadFileWithProgress: ['url:string', 'callback:function'],
    strongUntil: ['delayMs:int64', 'callback:function'], produce: ['threads:int32', 'perThread:int32', 'callback:function'],
    offerUntilFull: ['capacity:int32', 'callback:function'], putOnJsThread: ['capacity:int32', 'count:int32', 'callback:function'],
    abortQueued: ['callback:function'], releaseTwice: ['callback:function'], callForResult: ['callback:function', 'value:any'],
    fireAndForget: ['callback:function', 'value:any'], spam: ['threads:int32', 'callback:function'], producers: [],
    refUnref: ['callback:function'], callUntilClosed: ['threads:int32', 'perThread:int32', 'callback:function'], callOutcomes: [],
  },
  Channels: {
    parseAsync: ['filename:string', 'callback:function'], sendInOrder: ['threads:int32', 'perThread:int32', 'callback:function'],
    roundTrip: ['expression:string'], sameSharedChannel: [], closedChannel: [], keepAlive: ['delayMs:int64', 'unref:boolean'],
    sendBurst: ['count:int32', 'callback:function'], flood: ['callback:function'], closedSends: [], refValue: ['object:object', 'weak:boolean'], refPrimitive: ['value:any'],
    postInOrder: ['threads:int32', 'perThread:int32', 'callback:function'], postStatuses: [], postThrowing: ['message:string'],
    floodPost: ['threads:int32', 'callback:function'], closedPosts: [],
  },
  Async: {
    performAsyncTaskPromise: [], performFailingTaskPromise: [], fibonacci: ['n:int32'],
    threadId: [], threadIdLookups: [], sleepTask: ['ms:int64', 'onJavaThreads:boolean'],
    startAndCancelLast: ['ms:int64', 'count:int32', 'virtual:boolean'],
    withProgress: ['steps:int32', 'onProgress:function', 'onJavaThreads:boolean'],
    lateProgress: ['onProgress:function', 'onJavaThreads:boolean'],
    taskWithCallback: ['callback:function', 'onJavaThreads:boolean'], resolveLater: ['value:any', 'ms:int64'],
    rejectLater: ['message:string'], dropDeferred: [], futureLater: ['value:any', 'ms:int64'], failedFuture: ['message:string'],
    awaitAndDouble: ['promise:any'], releaseOffThread: ['object:object'], dropRef: ['object:object'],
    weakRefAlive: ['object:object'], count: [], envStates: [], refusedTask: [], manyOnPool: ['count:int32', 'sleepMs:int32'],
    churnFor: ['ms:int32'],
  },
  Cancellation: {
    sleepTask: ['ms:int32', 'signal?:any', 'where?:string', 'onStarted?:function'], callbackTask: ['signal:any', 'callback:function'],
    holdGate: [], openGate: [], counts: [], sameSignal: ['signal:any'], signalState: ['signal:any'],
    slowEcho: ['text:string', 'ms:int32', 'signal?:any'], quickAnswer: ['signal?:any'],
  },
  AsyncContexts: {
    taskCallback: ['value:any', 'callback:function'], taskPool: ['value:any', 'callback:function'], taskProgress: ['onProgress:function'],
    tsfnLater: ['callback:function'], channelLater: ['callback:function'], emitLater: ['emitter:object', 'event:string', 'value:any'],
    deferredLater: ['value:any'],
  },
  Streams: {
    counting: ['limit:int32', 'bufferSize:int32'], producerState: [], failing: ['n:int32'], fromIterator: ['items:array'],
    fromStream: ['count:int32'], streamsClosed: [], fromPublisher: ['count:int32', 'bufferSize:int32'], publisherState: [],
    readable: ['totalBytes:int64', 'chunkSize?:int32'], writable: ['slowEveryBytes:int64', 'failAfterBytes:int64'], byteCounts: [],
    javaHeap: [], javaGc: [],
  },
  CrossHeap: {
    holder: ['mb:int32'], dropRef: ['object:object'], pairWeak: ['object:object'], pairStrong: ['object:object'],
    javaHeap: [], stringLength: ['text:string'],
  },
  Buffers: {
    sumFloat64: ['array:typedarray'], fillBytes: ['array:typedarray', 'value:int32'], describe: ['array:typedarray'],
    firstByte: ['array:typedarray'],
  },
};

const GOOD = { typedarray: new Float64Array(1), number: 1, int32: 1, int64: 1, string: 'a', function: () => 0, object: {}, array: [], boolean: true, bigint: 1n, any: 0 };
const BAD = { typedarray: [1], number: 'str', int32: 'str', int64: {}, string: 42, function: {}, object: 5, array: {}, boolean: 1, bigint: 5 };
const EXPECTED = {
  typedarray: 'a TypedArray', number: 'a number', int32: 'a number', int64: 'a number', string: 'a string', function: 'a function',
  object: 'an object', array: 'an array', boolean: 'a boolean', bigint: 'a bigint', any: 'a value',
};

// Functions without side effects, called again with extra arguments: those are ignored, as JS,
// napi-rs and neon do (napi-java does not count arguments beyond the declared parameters).
const PURE = new Set([
  'Functions.add', 'Functions.noop', 'Strings.echo', 'Strings.concat', 'Strings.repeat', 'Numbers.echo', 'Numbers.int32',
  'Numbers.int64', 'Numbers.bool', 'Objects.makePerson', 'Objects.keys', 'Objects.sum',
]);

function parse(spec) {
  const [rawName, type = 'any'] = spec.split(':');
  return { name: rawName.replace(/^\.\.\.|\?$/g, ''), type, optional: rawName.endsWith('?'), variadic: rawName.startsWith('...') };
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const [topic, functions] of Object.entries(SIGNATURES)) {
  const addon = loadTopic(topic);

  test(`${topic}: the table covers every exported function`, () => {
    assert.deepEqual(Object.keys(addon).sort(), Object.keys(functions).sort());
  });

  for (const [fnName, specs] of Object.entries(functions)) {
    const params = specs.map(parse);
    const fixed = params.filter((p) => !p.variadic);
    const good = fixed.map((p) => GOOD[p.type]);

    test(`${topic}.${fnName}: wrong argument types are TypeErrors naming the argument and type`, () => {
      fixed.forEach((param, index) => {
        if (!(param.type in BAD)) return;
        const args = good.slice();
        args[index] = BAD[param.type];
        const pattern = new RegExp(`${fnName}\\(\\): argument '${escape(param.name)}' \\(#${index + 1}\\) must be ${EXPECTED[param.type]}, got `);
        assert.throws(() => addon[fnName](...args), (e) => e instanceof TypeError && pattern.test(e.message) && e.code === 'ERR_INVALID_ARG_TYPE');
      });
    });

    const required = fixed.filter((p) => !p.optional);
    if (required.length > 0) {
      test(`${topic}.${fnName}: too few arguments is a TypeError naming the missing argument`, () => {
        const last = required.length - 1;
        const param = required[last];
        const pattern = new RegExp(`${fnName}\\(\\): argument '${escape(param.name)}' \\(#${last + 1}\\) is missing: expected ${EXPECTED[param.type]}`);
        assert.throws(() => addon[fnName](...good.slice(0, last)), (e) => e instanceof TypeError && pattern.test(e.message));
      });
    }

    if (PURE.has(`${topic}.${fnName}`)) {
      test(`${topic}.${fnName}: extra arguments are ignored, as in JS`, () => {
        assert.deepEqual(addon[fnName](...good, 'extra', 42), addon[fnName](...good));
      });
    }
  }
}

test('the process is still healthy after all bad calls', () => {
  assert.equal(loadTopic('Functions').add(1, 2), 3);
});
