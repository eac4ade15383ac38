package dev.napijava.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of the start-up row of {@code compare.mjs}: a plain JVM process, started with an AOT
 * cache of its own, that calls {@link BridgeTarget#noop}, prints its resident memory and exits.
 * What napi-java's start-up costs beyond this is napi-java's own.
 *
 * <p>Threads: the main thread.
 */
public final class StartupFloor {
  private StartupFloor() {}

  /** Calls {@link BridgeTarget#noop} once. */
  public static void main(String[] args) throws IOException {
    BridgeTarget.noop();
    printResidentMemory();
  }

  /** Prints the process's resident memory in KB ({@code VmRSS}, Linux), or nothing elsewhere. */
  static void printResidentMemory() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) return;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) System.out.println(line.replaceAll("\\D", ""));
    }
  }
}
