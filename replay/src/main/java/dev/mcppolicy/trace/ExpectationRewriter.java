package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites the {@code expect} of trace records and nothing else ({@code replay
 * --update-expectations}). Every other byte of the file stays as it was read: other lines, the
 * members of a record, their order, spacing and escapes (a Unicode escape stays an escape, even of
 * a lone surrogate), line ends. In a record, the text of the {@code expect} value is replaced; a
 * record without one gets it added before its closing brace, spaced like the record's other
 * members. A file that changed since it was replayed is not rewritten.
 */
public final class ExpectationRewriter {
  private ExpectationRewriter() {}

  /** What a rewrite did: the new content and how many records got a new expectation. */
  public record Result(byte[] content, int updated) {}

  /** The file as it was when its replay began: a rewrite refuses a file that is no longer the same. */
  public record Snapshot(long size, java.nio.file.attribute.FileTime modified, Object key) {
    public static Snapshot of(java.nio.file.Path file) throws java.io.IOException {
      var a = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      return new Snapshot(a.size(), a.lastModifiedTime(), a.fileKey());
    }
  }

  /**
   * Rewrites {@code trace} in place (atomically, keeping its mode and links) with the new
   * expectations; returns how many records changed.
   *
   * @throws java.io.IOException when it cannot be read or written, or it is not the file that was
   *     replayed (changed since {@code replayed}, or while it was read again)
   */
  public static int update(java.nio.file.Path trace, Snapshot replayed, Map<Integer, JsonValue> expectByLine)
      throws java.io.IOException {
    byte[] content = java.nio.file.Files.readAllBytes(trace);
    if (!Snapshot.of(trace).equals(replayed) || content.length != replayed.size()) {
      throw new java.io.IOException("it changed while it was replayed, so its expectations were not updated: run again");
    }
    Result result = rewrite(content, expectByLine);
    dev.mcppolicy.io.AtomicFiles.write(trace, result.content());
    return result.updated();
  }

  /**
   * @param expectByLine the new {@code expect} of each record, by its line number (1 for the first)
   */
  public static Result rewrite(byte[] content, Map<Integer, JsonValue> expectByLine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64 * expectByLine.size());
    int updated = 0;
    int line = 1;
    int start = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      JsonValue expect = expectByLine.get(line);
      Optional<byte[]> replaced = expect == null ? Optional.empty() : withExpect(content, start, end, expect);
      if (replaced.isPresent()) {
        out.writeBytes(replaced.get());
        updated++;
      } else {
        out.write(content, start, end - start);
      }
      if (end < content.length) {
        out.write('\n');
      }
      start = end + 1;
      line++;
    }
    return new Result(out.toByteArray(), updated);
  }

  /** The line's bytes with its expect replaced or added; empty when the line is not a record we can read. */
  private static Optional<byte[]> withExpect(byte[] content, int start, int end, JsonValue expect) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content, start, end - start)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    return withExpect(text, expect).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** A record's text with its top-level {@code expect} set to {@code expect}; empty when it is not an object. */
  static Optional<String> withExpect(String line, JsonValue expect) {
    Scanner s = new Scanner(line);
    s.space();
    if (!s.take('{')) {
      return Optional.empty();
    }
    boolean spaced = line.contains("\": ") || line.contains("\", ");
    String value = spaced ? JsonWriter.inline(expect) : JsonWriter.jcsOrdered(expect);
    boolean members = false;
    while (true) {
      s.space();
      if (s.peek() == '}') {
        int close = s.at;
        String member = (spaced ? "\"expect\": " : "\"expect\":") + value;
        String before = line.substring(0, close);
        // after the last member's value, before any space that comes ahead of the brace
        int insertAt = before.stripTrailing().length();
        String joined = members ? (spaced ? ", " : ",") + member : member;
        return Optional.of(line.substring(0, insertAt) + joined + line.substring(insertAt));
      }
      if (members && !s.take(',')) {
        return Optional.empty();
      }
      s.space();
      Optional<String> key = s.string();
      if (key.isEmpty()) {
        return Optional.empty();
      }
      s.space();
      if (!s.take(':')) {
        return Optional.empty();
      }
      s.space();
      int valueStart = s.at;
      if (!s.skipValue()) {
        return Optional.empty();
      }
      if (key.get().equals("expect")) {
        return Optional.of(line.substring(0, valueStart) + value + line.substring(s.at));
      }
      members = true;
    }
  }

  /** Just enough of a JSON reader to find where a value ends; the line was read as valid JSON already. */
  private static final class Scanner {
    final String text;
    int at;

    Scanner(String text) {
      this.text = text;
    }

    char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    boolean take(char c) {
      if (peek() == c) {
        at++;
        return true;
      }
      return false;
    }

    void space() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\r')) {
        at++;
      }
    }

    /**
     * A string, decoded as JSON (a key may be written with escapes; one that does not decode is
     * kept as written, and so is never "expect"); the position moves past it.
     */
    Optional<String> string() {
      int start = at;
      if (!take('"')) {
        return Optional.empty();
      }
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '\\') {
          at++;
        } else if (c == '"') {
          String raw = text.substring(start, Math.min(at, text.length()));
          try {
            return Optional.of(((dev.mcppolicy.json.JsonString) dev.mcppolicy.json.JsonReader.read(raw).root()).value());
          } catch (dev.mcppolicy.json.JsonReader.JsonSyntaxException e) {
            return Optional.of(raw);
          }
        }
      }
      return Optional.empty();
    }

    boolean skipValue() {
      char c = peek();
      if (c == '"') {
        return string().isPresent();
      }
      if (c == '{' || c == '[') {
        int depth = 0;
        while (at < text.length()) {
          char d = text.charAt(at);
          if (d == '"') {
            if (string().isEmpty()) {
              return false;
            }
            continue;
          }
          at++;
          if (d == '{' || d == '[') {
            depth++;
          } else if (d == '}' || d == ']') {
            if (--depth == 0) {
              return true;
            }
          }
        }
        return false;
      }
      int from = at;
      while (at < text.length() && ",}] \t\r".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      return at > from;
    }
  }
}
