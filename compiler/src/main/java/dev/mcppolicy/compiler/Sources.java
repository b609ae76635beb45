package dev.mcppolicy.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the text of a policy and of the modules it imports comes from: the disk, or the disk seen
 * through files given in memory (an editor's unsaved buffers, a file as it was at another git
 * revision, text compiled before it is written). The standard library comes with the compiler.
 */
public interface Sources {
  /** The bytes of {@code file}, an absolute normalized path. */
  byte[] read(Path file) throws IOException;

  /** Whether {@code file} is there to be read as a module. */
  boolean isFile(Path file);

  /** The files on disk. */
  Sources DISK = new Sources() {
    @Override
    public byte[] read(Path file) throws IOException {
      return Files.readAllBytes(file);
    }

    @Override
    public boolean isFile(Path file) {
      return Files.isRegularFile(file);
    }
  };

  /** {@code files} (by path; relative paths are taken from the working folder) in front of {@code under}. */
  static Sources overlay(Map<Path, byte[]> files, Sources under) {
    Map<Path, byte[]> byPath = new HashMap<>();
    files.forEach((p, bytes) -> byPath.put(p.toAbsolutePath().normalize(), bytes.clone()));
    return new Sources() {
      @Override
      public byte[] read(Path file) throws IOException {
        byte[] bytes = byPath.get(file.toAbsolutePath().normalize());
        if (bytes != null) {
          return bytes.clone();
        }
        if (under == null) {
          throw new NoSuchFileException(file.toString());
        }
        return under.read(file);
      }

      @Override
      public boolean isFile(Path file) {
        return byPath.containsKey(file.toAbsolutePath().normalize()) || under != null && under.isFile(file);
      }
    };
  }
}
