package dev.stockticker.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Bytes of whole messages not yet handed to stdout. Jackson's generator writes into it as a
 * stream; records are appended directly. Unlike ByteArrayOutputStream it takes no lock per write,
 * which mattered for a million small writes.
 */
final class OutputBuffer extends OutputStream {
  byte[] bytes;
  int size;

  OutputBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  /** Makes room for {@code more} bytes after {@link #size}. */
  void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  @Override
  public void write(byte[] source) {
    write(source, 0, source.length);
  }

  /** Appends a String known to be ASCII, without an intermediate array. */
  @SuppressWarnings("deprecation") // exactly right for ASCII: a copy of the String's Latin-1 bytes
  void writeAscii(String ascii) {
    int length = ascii.length();
    ensure(length);
    ascii.getBytes(0, length, bytes, size);
    size += length;
  }

  /** Hands everything to {@code out} and empties the buffer. */
  void drainTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }
}
