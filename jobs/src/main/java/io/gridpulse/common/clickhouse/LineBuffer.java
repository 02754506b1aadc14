package io.gridpulse.common.clickhouse;

import java.util.Arrays;

/**
 * The bytes of a batch of {@code JSONEachRow} lines, written a few bytes at a time by {@link
 * JsonEachRow}. A {@link java.io.ByteArrayOutputStream} would do, but its methods are synchronized:
 * a lock per column value of every row, for a buffer only the sink's task thread touches.
 */
final class LineBuffer {

    private byte[] bytes;
    private int size;

    LineBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Drops what was written after the first {@code length} bytes. */
    void truncate(int length) {
        size = Math.min(size, length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** A string known to hold only ASCII characters (digits, plain ids). */
    void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, bytes, size); // deprecated for non-ASCII text only: exactly right here
        size += n;
    }

    /** {@code value} in decimal. */
    void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            writeAscii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        writeDigits(value, digits);
    }

    /** The last {@code digits} decimal digits of a non-negative {@code value}, zero padded. */
    void writeDigits(long value, int digits) {
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
