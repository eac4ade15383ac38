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
 * Runs JMH inside the Node process that loaded it. Exports the Java side of the compared
 * {@link Operations} and {@code run(loops, jmhArgs)}, which runs the
 * benchmarks without forking, on the JS thread, and returns one
 * {@code {benchmark, op, impl, median, rounds, unit}} per benchmark and parameter set, the
 * median over the measurement iterations.
 *
 * <p>Threads: {@code init} and the exported functions run on the JS thread that loaded it.
 */
public final class BenchmarkAddon implements Addon {
  @Override
  public void init(Env env, JsObject exports) throws Exception {
    Operations.export(exports);
    JsObject typed = env.object();
    ExportedOperationsExports.register(env, typed);
    exports.set("jsexport", typed);
    FloorOperations.export(env, exports);
    exports.set("javaVersion", System.getProperty("java.version"));
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
        var params = result.getParams();
        double[] rounds = result.getBenchmarkResults().stream()
            .flatMap(benchmark -> benchmark.getIterationResults().stream())
            .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
            .sorted().toArray();
        rows.add(Map.of(
            "benchmark", params.getBenchmark().replaceFirst(".*\\.(\\w+)\\.\\w+$", "$1"),
            "op", params.getParam("op"),
            "impl", params.getParam("impl"),
            "median", rounds.length == 0 ? Double.NaN : rounds[rounds.length / 2],
            "rounds", rounds.length,
            "unit", result.getPrimaryResult().getScoreUnit()));
      }
      return rows;
    } finally {
      Targets.close();
    }
  }
}
