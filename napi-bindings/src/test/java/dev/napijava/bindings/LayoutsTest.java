package dev.napijava.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The platform: the bindings' 64-bit C types (size_t, int64_t, uint64_t, which jextract on
 * 64-bit Linux sees as C long) keep 64 bits on every platform, Windows' 32-bit long included.
 * On Linux the platform's long is 64 bits too, so the test also reads the generated sources:
 * no layout of them may come from the platform's {@code long}.
 */
class LayoutsTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/napijava/bindings");

  @Test
  void platformIndependentSizeT() {
    assertEquals(ValueLayout.JAVA_LONG, NodeApi$shared.C_LONG.withoutName());
    assertEquals(8, NodeApi$shared.C_LONG.byteSize());
  }

  @Test
  void platformIndependentTypeTag() {
    MemoryLayout tag = napi_type_tag.layout();
    assertEquals(16, tag.byteSize());
    assertEquals(8, tag.select(MemoryLayout.PathElement.groupElement("lower")).byteSize());
    assertEquals(8, tag.select(MemoryLayout.PathElement.groupElement("upper")).byteSize());
    assertEquals(8, napi_type_tag.upper$offset());
  }

  @Test
  void platformLongNotUsedByGeneratedSources() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(SOURCES)) {
      files = listing.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(files.size() > 10, "generated sources in " + SOURCES.toAbsolutePath());
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        if (line.trim().startsWith("//")) continue;
        assertTrue(!line.contains("canonicalLayouts().get(\"long\")"),
            file.getFileName() + " maps a layout to the platform's C long (32 bits on Windows): " + line.trim());
      }
    }
  }
}
