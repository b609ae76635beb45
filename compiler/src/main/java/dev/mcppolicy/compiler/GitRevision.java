package dev.mcppolicy.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Files as they were at a git revision, read from the repository with {@code git show} without
 * checking anything out: a policy and every module it imports, for {@code diff git:REF:PATH}.
 * Needs {@code git} on the PATH. Files outside the repository are read from the disk, as the
 * standard library is read from the compiler.
 */
public final class GitRevision implements Sources {
  /** The most a file read from git may hold: as for any source. */
  private static final int MAX_BYTES = 64 << 20;

  private final Path root;
  private final String revision;

  private GitRevision(Path root, String revision) {
    this.root = root;
    this.revision = revision;
  }

  /** A {@code git:REF:PATH} argument, taken apart; empty when the argument is not one. */
  public record Spec(String revision, Path path) {
    public static Optional<Spec> parse(String argument) {
      if (!argument.startsWith("git:")) {
        return Optional.empty();
      }
      String rest = argument.substring("git:".length());
      int colon = rest.indexOf(':');
      if (colon <= 0 || colon == rest.length() - 1) {
        throw new IllegalArgumentException("'" + argument + "' is not git:REF:PATH, as in git:HEAD~1:policies/odoo.mcppolicy");
      }
      return Optional.of(new Spec(rest.substring(0, colon), Path.of(rest.substring(colon + 1))));
    }
  }

  /**
   * The revision {@code revision} of the repository that holds {@code folder}; an IOException that
   * says why when there is no repository there, git cannot be run, or the revision is not one.
   */
  public static GitRevision at(String revision, Path folder) throws IOException {
    Path root = Path.of(run(folder, List.of("rev-parse", "--show-toplevel"), "is not in a git repository").trim());
    run(root, List.of("rev-parse", "--verify", "--quiet", revision + "^{commit}"), "'" + revision + "' is not a revision of "
        + "the repository at " + root);
    return new GitRevision(root.toAbsolutePath().normalize(), revision);
  }

  @Override
  public byte[] read(Path file) throws IOException {
    Optional<String> inRepository = relative(file);
    if (inRepository.isEmpty()) {
      return Sources.DISK.read(file);
    }
    Process p = start(root, List.of("show", revision + ":" + inRepository.get()));
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (!finished(p) || p.exitValue() != 0) {
      throw new NoSuchFileException(file.toString(), null, "not in " + revision);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException(file + " at " + revision + " is larger than " + MAX_BYTES + " bytes");
    }
    return bytes;
  }

  @Override
  public boolean isFile(Path file) {
    Optional<String> inRepository = relative(file);
    if (inRepository.isEmpty()) {
      return Sources.DISK.isFile(file);
    }
    try {
      return run(root, List.of("cat-file", "-t", revision + ":" + inRepository.get()), "").trim().equals("blob");
    } catch (IOException e) {
      return false;
    }
  }

  /** The path of {@code file} in the repository, with forward slashes; empty when it is outside it. */
  private Optional<String> relative(Path file) {
    Path f = file.toAbsolutePath().normalize();
    if (!f.startsWith(root)) {
      return Optional.empty();
    }
    return Optional.of(root.relativize(f).toString().replace('\\', '/'));
  }

  private static String run(Path folder, List<String> args, String failure) throws IOException {
    Process p = start(folder, args);
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(1 << 16);
    }
    if (!finished(p) || p.exitValue() != 0) {
      throw new IOException(failure.isEmpty() ? "git " + String.join(" ", args) + " failed" : folder + ": " + failure);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static Process start(Path folder, List<String> args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", folder.toString()));
    command.addAll(args);
    try {
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IOException("cannot run git (is it installed and on the PATH?): " + e.getMessage(), e);
    }
  }

  private static boolean finished(Process p) throws IOException {
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    }
  }
}
