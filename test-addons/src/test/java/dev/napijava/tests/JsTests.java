package dev.napijava.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code js/*.test.mjs} with {@code node --test} in a real Node process and reports
 * each JS test to JUnit (and so to Surefire) under its own name: "file: test title".
 */
class JsTests {
  private static final Path JS_DIR = Path.of(System.getProperty("napijava.jsDir", "js"));
  private static final Path JAR = Path.of(System.getProperty("napijava.addonJar", "target/test-addons.jar"));
  private static final Path WORK = Path.of(System.getProperty("napijava.workDir", "target/js-work"));
  private static final long TIMEOUT_MINUTES = 20;
  // Possessive quantifiers: a long error text must not recurse once per character (StackOverflowError).
  private static final Pattern JSON_LINE = Pattern.compile(
      "\\{\"name\":(\"(?:[^\"\\\\]++|\\\\.)*+\"),\"ok\":(true|false),\"skipped\":(true|false)(?:,\"error\":(\"(?:[^\"\\\\]++|\\\\.)*+\"))?\\}");

  @TestFactory
  Stream<DynamicNode> jsTests() throws IOException {
    Path fixtures = Files.createDirectories(WORK.resolve("fixtures"));
    writeJarWithoutAddon(fixtures.resolve("no-addon.jar"));
    String only = System.getProperty("napijava.jsTests", "");
    List<Path> files;
    try (Stream<Path> listing = Files.list(JS_DIR)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".test.mjs"))
          .filter(p -> only.isEmpty() || p.getFileName().toString().contains(only))
          .sorted().toList();
    }
    return files.stream().map(file -> run(file, fixtures));
  }

  private static DynamicNode run(Path file, Path fixtures) {
    String topic = file.getFileName().toString().replace(".test.mjs", "");
    List<DynamicNode> tests = new ArrayList<>();
    try {
      ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=" + JS_DIR.resolve("reporter.mjs").toUri(),
          file.toAbsolutePath().toString());
      builder.environment().put("NAPI_JAVA_TEST_JAR", JAR.toAbsolutePath().toString());
      builder.environment().put("NAPI_JAVA_TEST_FIXTURES", fixtures.toAbsolutePath().toString());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Path stderr = WORK.resolve(topic + ".stderr.txt");
      builder.redirectError(stderr.toFile());
      Process node = builder.start();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!finished) node.destroyForcibly();
      Matcher matcher = JSON_LINE.matcher(output);
      while (matcher.find()) {
        String name = unquote(matcher.group(1));
        boolean ok = Boolean.parseBoolean(matcher.group(2));
        boolean skipped = Boolean.parseBoolean(matcher.group(3));
        String error = matcher.group(4) == null ? "" : unquote(matcher.group(4));
        tests.add(DynamicTest.dynamicTest(topic + ": " + name, () -> {
          Assumptions.assumeFalse(skipped, "skipped in JS");
          if (!ok) fail(error + "\n(node's stderr: " + stderr + ")");
        }));
      }
      int exit = finished ? node.exitValue() : -1;
      boolean anyFailed = tests.isEmpty() || output.contains("\"ok\":false");
      if (exit != 0 && !anyFailed) {
        String log = Files.readString(stderr);
        tests.add(DynamicTest.dynamicTest(topic + ": node exited cleanly", () ->
            fail("node --test exited with " + (finished ? "code " + exit : "a timeout") + "\n" + output + "\n" + log)));
      }
      if (tests.isEmpty()) {
        String log = Files.readString(stderr);
        tests.add(DynamicTest.dynamicTest(topic + ": ran tests", () -> fail("no test results from " + file + "\n" + output + "\n" + log)));
      }
    } catch (IOException | InterruptedException e) {
      tests.add(DynamicTest.dynamicTest(topic + ": could start node", () -> fail(e)));
    }
    return DynamicContainer.dynamicContainer(topic, tests);
  }

  private static String unquote(String json) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i < json.length() - 1; i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char escaped = json.charAt(++i);
      switch (escaped) {
        case 'n' -> text.append('\n');
        case 't' -> text.append('\t');
        case 'r' -> text.append('\r');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'u' -> {
          text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> text.append(escaped);
      }
    }
    return text.toString();
  }

  /** A valid jar with a manifest and a resource but no Addon, for the loader's error test. */
  private static void writeJarWithoutAddon(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("readme.txt"));
      out.write("no addon here".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
