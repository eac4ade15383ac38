package dev.napijava.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The descriptions of classes, constructors and methods, read from the HTML pages of javadoc
 * jars (the {@code -javadoc} artifacts published beside Maven jars), for the JSDoc of
 * {@link Declarations}. It reads the first sentence-level block ({@code <div class="block">}) of a
 * class page before its summary, and of each member detail, found by its anchor
 * ({@code id="parse(java.lang.String)"}, {@code <init>(...)} for constructors), as the javadoc
 * of JDK 9 and later writes them (JDK 11's {@code <a id>} and JDK 17+'s
 * {@code <section class="detail" id>} alike). It is deliberately small: a page that is missing or
 * laid out otherwise only means no comment.
 *
 * <p>Thread: one thread at a time (it caches pages); it touches no JS.
 */
final class Javadoc implements AutoCloseable {
  private static final Pattern ANCHOR = Pattern.compile("id=\"([^\"()]+\\([^\"]*\\))\"");
  private static final String BLOCK = "<div class=\"block\">";
  private static final Pattern COPIED = Pattern.compile("<div class=\"block\">\\s*<span class=\"(descfrmTypeLabel|description-from-type-label)\"");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-z]+);");
  /** Where a class page's own description ends: the first member summary or detail. */
  private static final Pattern END_OF_DESCRIPTION =
      Pattern.compile("class=\"(summary|details)\"|<section class=\"[a-z-]*summary\"|SUMMARY =+ -->|DETAIL =+ -->");

  /** A class page: its own description and its members' by anchor. */
  private record Page(String description, Map<String, String> members) {}

  private final List<ZipFile> jars = new ArrayList<>();
  /** Page path within the package tree ("org/commonmark/parser/Parser.Builder.html") to its jar and entry. */
  private final Map<String, ZipEntry> entries = new HashMap<>();
  private final Map<ZipEntry, ZipFile> owners = new HashMap<>();
  private final Map<Class<?>, Page> pages = new HashMap<>();

  /** The pages of the javadoc jars {@code paths}; a jar that cannot be opened is left out. */
  Javadoc(List<Path> paths) {
    for (Path path : paths) {
      ZipFile jar;
      try {
        jar = new ZipFile(path.toFile());
      } catch (IOException e) {
        continue;
      }
      jars.add(jar);
      for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".html") || name.contains("class-use/")) continue;
        entries.putIfAbsent(name, entry);
        owners.putIfAbsent(entry, jar);
        // javadoc of a named module puts the package tree under a folder named after the module
        int slash = name.indexOf('/');
        if (slash > 0 && name.substring(0, slash).contains(".")) entries.putIfAbsent(name.substring(slash + 1), entry);
      }
    }
  }

  /** The description of {@code type}, or null. */
  String of(Class<?> type) {
    Page page = page(type);
    return page == null ? null : page.description();
  }

  /** The description of a constructor or method, from the page of the class that declares it, or null. */
  String of(Executable executable) {
    Page page = page(executable.getDeclaringClass());
    if (page == null) return null;
    StringBuilder key = new StringBuilder(executable instanceof Method ? executable.getName() : "<init>").append('(');
    Class<?>[] types = executable.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (i > 0) key.append(',');
      boolean rest = executable.isVarArgs() && i == types.length - 1;
      Class<?> type = rest ? types[i].getComponentType() : types[i];
      String name = type.getCanonicalName() != null ? type.getCanonicalName() : type.getTypeName();
      key.append(name).append(rest ? "..." : "");
    }
    return page.members().get(key.append(')').toString());
  }

  private Page page(Class<?> type) {
    if (pages.containsKey(type)) return pages.get(type);
    Page page = null;
    StringBuilder simple = new StringBuilder(type.getSimpleName());
    for (Class<?> outer = type.getDeclaringClass(); outer != null; outer = outer.getDeclaringClass()) simple.insert(0, outer.getSimpleName() + ".");
    String name = type.getPackageName().replace('.', '/') + (type.getPackageName().isEmpty() ? "" : "/") + simple + ".html";
    ZipEntry entry = entries.get(name);
    if (entry != null && !simple.isEmpty()) {
      try (InputStream in = owners.get(entry).getInputStream(entry)) {
        page = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        page = null; // an unreadable or odd page: no comments from it
      }
    }
    pages.put(type, page);
    return page;
  }

  private static Page parse(String html) {
    Matcher end = END_OF_DESCRIPTION.matcher(html);
    int descriptionEnd = end.find() ? end.start() : html.length();
    String description = null;
    int block = html.indexOf(BLOCK);
    if (block >= 0 && block < descriptionEnd) description = block(html, block, descriptionEnd);
    Map<String, String> members = new HashMap<>();
    Matcher anchor = ANCHOR.matcher(html);
    List<int[]> found = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    while (anchor.find()) {
      found.add(new int[] {anchor.end()});
      keys.add(decode(anchor.group(1)).replace(" ", ""));
    }
    for (int i = 0; i < found.size(); i++) {
      int from = found.get(i)[0];
      int to = i + 1 < found.size() ? found.get(i + 1)[0] : html.length();
      // "Description copied from interface: X" is a block of its own before the copied text
      int at = html.indexOf(BLOCK, from);
      while (at >= 0 && at < to && COPIED.matcher(html).region(at, Math.min(to, at + 200)).lookingAt()) at = html.indexOf(BLOCK, at + 1);
      if (at < 0 || at >= to) continue;
      String text = block(html, at, to);
      if (text != null) members.putIfAbsent(keys.get(i), text);
    }
    return new Page(description, members);
  }

  /** The text of the block that starts at {@code at} (its div, nested divs included), ending before {@code limit}. */
  private static String block(String html, int at, int limit) {
    int start = at + BLOCK.length();
    int depth = 1;
    Matcher tag = TAG.matcher(html).region(start, limit);
    int stop = -1;
    while (tag.find()) {
      if (!tag.group(2).equalsIgnoreCase("div")) continue;
      depth += tag.group(1).isEmpty() ? 1 : -1;
      if (depth == 0) {
        stop = tag.start();
        break;
      }
    }
    if (stop < 0) return null;
    String text = text(html.substring(start, stop));
    return text.isEmpty() ? null : text;
  }

  /**
   * HTML as JSDoc text: {@code <code>} as backticks, paragraphs and list items as lines of their
   * own, preformatted text kept, other tags dropped, entities decoded, {@code *}{@code /} escaped.
   */
  static String text(String html) {
    StringBuilder out = new StringBuilder();
    Matcher tag = TAG.matcher(html);
    int last = 0;
    boolean pre = false;
    while (tag.find()) {
      String chunk = html.substring(last, tag.start());
      out.append(pre ? chunk : chunk.replaceAll("\\s+", " "));
      last = tag.end();
      String name = tag.group(2).toLowerCase();
      boolean closing = !tag.group(1).isEmpty();
      switch (name) {
        case "code" -> out.append(pre ? "" : "`");
        case "p", "ul", "ol", "dl", "table" -> out.append("\n\n");
        case "br" -> out.append('\n');
        case "li" -> out.append(closing ? "" : "\n- ");
        case "pre" -> {
          pre = !closing;
          out.append("\n```\n");
        }
        default -> { }
      }
    }
    String chunk = html.substring(last);
    out.append(pre ? chunk : chunk.replaceAll("\\s+", " "));
    String decoded = decode(out.toString()).replace("*/", "*\\/");
    // lines stripped; runs of blank lines (paragraph breaks) as one blank line, none at the ends
    StringBuilder lines = new StringBuilder();
    boolean pendingBreak = false;
    for (String line : decoded.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        pendingBreak = !lines.isEmpty();
        continue;
      }
      if (!lines.isEmpty()) lines.append(pendingBreak ? "\n\n" : "\n");
      lines.append(trimmed);
      pendingBreak = false;
    }
    return lines.toString().replace("```\n\n", "```\n").replace("\n\n```", "\n```").strip();
  }

  private static String decode(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = switch (name) {
        case "lt" -> "<";
        case "gt" -> ">";
        case "amp" -> "&";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> " ";
        default -> {
          if (!name.startsWith("#")) yield m.group();
          try {
            int code = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            yield Character.isValidCodePoint(code) ? Character.toString(code) : m.group();
          } catch (NumberFormatException e) {
            yield m.group();
          }
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  @Override
  public void close() {
    for (ZipFile jar : jars) {
      try {
        jar.close();
      } catch (IOException e) {
        // read-only: nothing to lose
      }
    }
  }
}
