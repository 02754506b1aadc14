package io.gridpulse.common.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

/** Parsers for the value types GridPulse configuration uses; each says what it expected. */
public final class Parsers {

    private Parsers() {}

    public static int positiveInt(String raw) {
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + raw + "'");
        }
        if (value <= 0) {
            throw new IllegalArgumentException("expected a number above 0, got " + value);
        }
        return value;
    }

    /** A TCP port, or 0 for any free port. */
    public static int port(String raw) {
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number, got '" + raw + "'");
        }
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("expected a port from 0 to 65535, got " + value);
        }
        return value;
    }

    /** A share between 0 and 1, e.g. {@code 0.05}. */
    public static double fraction(String raw) {
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a share like 0.05, got '" + raw + "'");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("expected a share from 0 to 1, got " + raw);
        }
        return value;
    }

    /** An ISO-8601 instant such as {@code 2000-01-01T00:00:00Z}. */
    public static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "expected an instant like 2000-01-01T00:00:00Z, got '" + raw + "'");
        }
    }

    public static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default ->
                    throw new IllegalArgumentException("expected true or false, got '" + raw + "'");
        };
    }

    /**
     * A positive duration such as {@code 200ms}, {@code 10s}, {@code 5min}, {@code 2h}, {@code 3d}.
     */
    public static Duration duration(String raw) {
        Duration d = durationOrZero(raw);
        if (d.isZero()) {
            throw new IllegalArgumentException("expected a duration above 0, got '" + raw + "'");
        }
        return d;
    }

    /**
     * A duration such as {@link #duration}, or zero ({@code 0ms}), read by Flink's own parser, so a
     * value means here what it means in a Flink configuration ({@code 10 s}, {@code 1 min} too).
     */
    public static Duration durationOrZero(String raw) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "expected a duration like 200ms, 10s, 5min, 2h or 3d, got '" + raw + "'");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(
                    "expected a duration of 0 or more, got '" + raw + "'");
        }
        return d;
    }

    /**
     * A size in bytes, read by Flink's memory-size parser: {@code 131072}, {@code 128kb}, {@code
     * 1mb}; above 0 and below 2 GiB.
     */
    public static int bytes(String raw) {
        MemorySize size;
        try {
            size = MemorySize.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected a size like 131072, 128kb or 1mb, got '" + raw + "'");
        }
        if (size.getBytes() <= 0 || size.getBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "expected a size above 0 and below 2 GiB, got '" + raw + "'");
        }
        return (int) size.getBytes();
    }

    /** An http(s) URL with a host and a port, e.g. {@code http://127.0.0.1:8123}. */
    public static String httpUrl(String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected a URL like http://host:8123, got '" + raw + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getPort() <= 0) {
            throw new IllegalArgumentException(
                    "expected a URL like http://host:8123, got '" + raw + "'");
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** A non-empty value without white space: topic names, hosts, ids. */
    public static String token(String raw) {
        if (raw.isEmpty() || raw.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "expected a value without spaces, got '" + raw + "'");
        }
        return raw;
    }

    /** A state backend GridPulse can run with. */
    public static String stateBackend(String raw) {
        String name = raw.toLowerCase(Locale.ROOT);
        if (!name.equals("hashmap") && !name.equals("rocksdb")) {
            throw new IllegalArgumentException("expected hashmap or rocksdb, got '" + raw + "'");
        }
        return name;
    }

    /** Any string, including the empty one. */
    public static String text(String raw) {
        return raw;
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String raw) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + raw
                            + "'");
        }
    }
}
