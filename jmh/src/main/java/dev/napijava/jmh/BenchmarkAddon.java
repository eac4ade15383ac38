package dev.napijava.jmh;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH inside the Node process that loaded it. Exports the Java benchmark targets
 * ({@code noop()}, {@code add(a, b)}) and {@code run(loops, jmhArgs)}, which runs the
 * benchmarks without forking, on the JS thread, and returns one
 * {@code {benchmark, score, error, unit}} per benchmark.
 *
 * <p>Threads: {@code init} and the exported functions run on the JS thread that loaded it.
 */
public final class BenchmarkAddon implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("noop", call -> null);
    exports.setFunction("add", call -> call.number(0) + call.number(1), "a", "b");
    exports.setFunction("run", call -> {
      JsObject loops = call.object(0);
      JsArray jmhArgs = call.array(1);
      String[] args = new String[jmhArgs.length()];
      for (int i = 0; i < args.length; i++) args[i] = jmhArgs.get(i).coerceToString();
      return run(call.env(), loops, args);
    }, "loops", "jmhArgs");
  }

  private static List<Object> run(Env env, JsObject loops, String[] args) throws Exception {
    System.setProperty("jmh.executor", "CUSTOM");
    System.setProperty("jmh.executor.class", JsThreadExecutor.class.getName());
    var options = new OptionsBuilder().parent(new CommandLineOptions(args)).forks(0).threads(1).build();
    ClassLoader loader = BenchmarkAddon.class.getClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    Targets.open(env, loops);
    try {
      CompletableFuture<List<RunResult>> results = CompletableFuture.supplyAsync(() -> {
        Thread.currentThread().setContextClassLoader(loader);
        try {
          return List.copyOf(new Runner(options).run());
        } catch (Exception e) {
          throw new IllegalStateException("JMH failed", e);
        }
      }, runnable -> Thread.ofPlatform().name("jmh-runner").start(runnable));
      JsThreadExecutor.drain(results::isDone);
      List<Object> rows = new ArrayList<>();
      for (RunResult result : results.join()) {
        var primary = result.getPrimaryResult();
        rows.add(Map.of(
            "benchmark", result.getParams().getBenchmark().replaceFirst(".*\\.", ""),
            "score", primary.getScore(),
            "error", Double.isNaN(primary.getScoreError()) ? 0.0 : primary.getScoreError(),
            "unit", primary.getScoreUnit()));
      }
      return rows;
    } finally {
      Targets.close();
    }
  }
}
