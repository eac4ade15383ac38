/**
 * The napi-java addon API: write Node.js addons in Java. Start at {@link dev.napijava.Addon}.
 */
module dev.napijava {
  requires dev.napijava.bindings;
  requires java.management; // Java heap pressure reported to V8 (internal.JavaHeapPressure)

  exports dev.napijava;
  exports dev.napijava.value;

  uses dev.napijava.Addon;
}
