package dev.asyncsse.benchmarks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A folder under {@code java.io.tmpdir} for a benchmark's work files, deleted on {@link #close()}
 * and by a shutdown hook when the JVM stops before that, for example on Ctrl-C or SIGTERM. A JVM
 * killed with SIGKILL leaves it behind.
 *
 * <p>Other threads keep running while shutdown hooks run, so the hook does not delete the folder
 * under a compilation that is still writing into it. It makes {@link #path()} throw {@link
 * StoppingException}, waits up to {@value #CLOSE_WAIT_SECONDS} s for the owner to stop and {@link
 * #close()} the folder, and then deletes whatever is left. So the owner must not call {@link
 * System#exit} while the folder is open, or the hook waits the full time.
 */
final class WorkDirectory implements AutoCloseable {

  private static final long CLOSE_WAIT_SECONDS = 30;

  private final Path path;
  private final Thread shutdownHook;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean stopping;

  private WorkDirectory(Path path) {
    this.path = path;
    this.shutdownHook = new Thread(this::deleteOnShutdown, "delete " + path);
  }

  /** Creates a new folder whose name starts with {@code prefix}. */
  static WorkDirectory create(String prefix) throws IOException {
    WorkDirectory directory = new WorkDirectory(Files.createTempDirectory(prefix));
    Runtime.getRuntime().addShutdownHook(directory.shutdownHook);
    return directory;
  }

  /**
   * Returns the folder. Call it before each step that writes into the folder.
   *
   * @throws StoppingException when the JVM is stopping, so that the caller stops writing
   */
  Path path() {
    if (stopping) {
      throw new StoppingException();
    }
    return path;
  }

  @Override
  public void close() throws IOException {
    try {
      if (!stopping) {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      }
    } catch (IllegalStateException e) {
      // The JVM started to stop after the check, and the hook waits for this deletion.
    }
    try {
      deleteRecursively(path);
    } finally {
      closed.countDown();
    }
  }

  /**
   * Deletes {@code dir} and everything in it. A file that disappears meanwhile is not an error, so
   * two deletions of the same folder can overlap.
   */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException e)
              throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(directory);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void deleteOnShutdown() {
    stopping = true;
    try {
      if (!closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        System.err.println(
            "Deleting the work folder " + path + " while the benchmark may still write into it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      deleteRecursively(path);
    } catch (IOException e) {
      System.err.println("Failed to delete the work folder " + path + ": " + e);
    }
  }

  /** Thrown by {@link #path()} once the JVM is stopping. */
  static final class StoppingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StoppingException() {
      super("The JVM is stopping");
    }
  }
}
