package dev.asyncsse.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * A {@link Filer} that adds up the time spent in javac's code for the source files a processor
 * writes: {@code createSourceFile}, {@code openWriter} or {@code openOutputStream}, and every call
 * on the returned writer or stream, {@code close} included.
 *
 * <p>Each writer or stream call is timed on its own, so a processor that writes a file in many
 * small calls also pays for two clock readings per call, and {@link #timedCalls()} counts every
 * timed call so that the caller can estimate that cost.
 * {@code createClassFile} and {@code createResource} are timed, but not what is later written to
 * the files they return. {@code getResource} is not timed, because reading the document is the
 * processor's own work.
 */
final class TimedFiler implements Filer {

  private final Filer delegate;
  private final LongSupplier clock;
  private long nanos;
  private long timedCalls;

  /** @param clock the clock to time with, in nanoseconds */
  TimedFiler(Filer delegate, LongSupplier clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  /** Returns the time spent in the timed calls, in nanoseconds. */
  long nanos() {
    return nanos;
  }

  /** Returns the number of timed calls. */
  long timedCalls() {
    return timedCalls;
  }

  /** Returns {@code environment} with this filer in place of its own. */
  ProcessingEnvironment wrap(ProcessingEnvironment environment) {
    return new Environment(environment, this);
  }

  @Override
  public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
      throws IOException {
    long start = begin();
    try {
      return new TimedFileObject(delegate.createSourceFile(name, originatingElements));
    } finally {
      end(start);
    }
  }

  @Override
  public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
      throws IOException {
    long start = begin();
    try {
      return delegate.createClassFile(name, originatingElements);
    } finally {
      end(start);
    }
  }

  @Override
  public FileObject createResource(
      JavaFileManager.Location location,
      CharSequence moduleAndPackage,
      CharSequence relativeName,
      Element... originatingElements)
      throws IOException {
    long start = begin();
    try {
      return delegate.createResource(location, moduleAndPackage, relativeName, originatingElements);
    } finally {
      end(start);
    }
  }

  @Override
  public FileObject getResource(
      JavaFileManager.Location location, CharSequence moduleAndPackage, CharSequence relativeName)
      throws IOException {
    return delegate.getResource(location, moduleAndPackage, relativeName);
  }

  /** A created source file whose writer and output stream are timed. */
  private final class TimedFileObject extends ForwardingJavaFileObject<JavaFileObject> {

    TimedFileObject(JavaFileObject file) {
      super(file);
    }

    @Override
    public Writer openWriter() throws IOException {
      long start = begin();
      try {
        return new TimedWriter(fileObject.openWriter());
      } finally {
        end(start);
      }
    }

    @Override
    public OutputStream openOutputStream() throws IOException {
      long start = begin();
      try {
        return new TimedOutputStream(fileObject.openOutputStream());
      } finally {
        end(start);
      }
    }
  }

  /**
   * Forwards each call to javac's writer as the same method, so that javac receives the
   * processor's own call pattern.
   */
  private final class TimedWriter extends Writer {

    private final Writer out;

    TimedWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
      long start = begin();
      try {
        out.write(c);
      } finally {
        end(start);
      }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      long start = begin();
      try {
        out.write(chars, offset, length);
      } finally {
        end(start);
      }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      long start = begin();
      try {
        out.write(text, offset, length);
      } finally {
        end(start);
      }
    }

    @Override
    public void write(String text) throws IOException {
      long start = begin();
      try {
        out.write(text);
      } finally {
        end(start);
      }
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
      long start = begin();
      try {
        out.append(text);
      } finally {
        end(start);
      }
      return this;
    }

    @Override
    public Writer append(CharSequence text, int start, int end) throws IOException {
      long began = begin();
      try {
        out.append(text, start, end);
      } finally {
        end(began);
      }
      return this;
    }

    @Override
    public Writer append(char c) throws IOException {
      long start = begin();
      try {
        out.append(c);
      } finally {
        end(start);
      }
      return this;
    }

    @Override
    public void flush() throws IOException {
      long start = begin();
      try {
        out.flush();
      } finally {
        end(start);
      }
    }

    @Override
    public void close() throws IOException {
      long start = begin();
      try {
        out.close();
      } finally {
        end(start);
      }
    }
  }

  /** The output stream counterpart of {@link TimedWriter}. */
  private final class TimedOutputStream extends OutputStream {

    private final OutputStream out;

    TimedOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      long start = begin();
      try {
        out.write(b);
      } finally {
        end(start);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      long start = begin();
      try {
        out.write(bytes, offset, length);
      } finally {
        end(start);
      }
    }

    @Override
    public void flush() throws IOException {
      long start = begin();
      try {
        out.flush();
      } finally {
        end(start);
      }
    }

    @Override
    public void close() throws IOException {
      long start = begin();
      try {
        out.close();
      } finally {
        end(start);
      }
    }
  }

  private long begin() {
    timedCalls++;
    return clock.getAsLong();
  }

  private void end(long start) {
    nanos += clock.getAsLong() - start;
  }

  /** A processing environment that hands out a {@link TimedFiler} and forwards everything else. */
  private record Environment(ProcessingEnvironment delegate, Filer filer)
      implements ProcessingEnvironment {

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }

    @Override
    public boolean isPreviewEnabled() {
      return delegate.isPreviewEnabled();
    }
  }
}
