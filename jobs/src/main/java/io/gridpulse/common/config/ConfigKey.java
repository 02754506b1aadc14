package io.gridpulse.common.config;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name in the properties file, how its value is parsed, its default, and
 * whether it is a secret (never read from the file, never printed).
 *
 * <p>The environment variable of a key is its name upper-cased with dots and dashes turned into
 * underscores behind {@code GRIDPULSE_}: {@code clickhouse.password} is {@code
 * GRIDPULSE_CLICKHOUSE_PASSWORD}. A secret may also be read from the file named by {@code
 * <key>.file}.
 */
public final class ConfigKey<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String description;
    private final T defaultValue;
    private final SerializableParser<T> parser;
    private final boolean secret;
    private final PassThrough passThrough;

    private ConfigKey(
            String name,
            String description,
            T defaultValue,
            SerializableParser<T> parser,
            boolean secret) {
        this(name, description, defaultValue, parser, secret, null);
    }

    private ConfigKey(
            String name,
            String description,
            T defaultValue,
            SerializableParser<T> parser,
            boolean secret,
            PassThrough passThrough) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.secret = secret;
        this.passThrough = passThrough;
    }

    /**
     * A family of keys {@code <prefix>.<name>} handed through to a client library as they are (e.g.
     * {@code kafka.client.ssl.truststore.location}); its value is the map of names to values. Names
     * are checked against {@code allowed}; a name the {@code secretNames} predicate holds for is a
     * secret: only from the environment or a {@code .file}, and masked.
     */
    public static ConfigKey<java.util.Map<String, String>> passThrough(
            String prefix,
            java.util.Set<String> allowed,
            SerializablePredicate secretNames,
            String description) {
        return new ConfigKey<>(
                prefix,
                description,
                java.util.Map.of(),
                s -> {
                    throw new UnsupportedOperationException("a pass-through is not parsed whole");
                },
                false,
                new PassThrough(java.util.Set.copyOf(allowed), secretNames));
    }

    /** What a pass-through key family accepts. */
    record PassThrough(java.util.Set<String> allowed, SerializablePredicate secretNames)
            implements Serializable {}

    /** A name test that can travel with the key. */
    @FunctionalInterface
    public interface SerializablePredicate
            extends java.util.function.Predicate<String>, Serializable {}

    PassThrough passThrough() {
        return passThrough;
    }

    boolean isPassThrough() {
        return passThrough != null;
    }

    /** A key whose value is parsed by {@code parser}; {@code defaultValue} null means required. */
    public static <T> ConfigKey<T> of(
            String name, T defaultValue, SerializableParser<T> parser, String description) {
        return new ConfigKey<>(name, description, defaultValue, parser, false);
    }

    /** A secret string key; empty by default. */
    public static ConfigKey<String> secret(String name, String description) {
        return new ConfigKey<>(name, description, "", s -> s, true);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean isSecret() {
        return secret;
    }

    public String environmentVariable() {
        return "GRIDPULSE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    T parse(String raw) {
        return parser.apply(raw.trim());
    }

    @Override
    public String toString() {
        return name;
    }

    /** A value parser that can travel with the key into a Flink function. */
    @FunctionalInterface
    public interface SerializableParser<T> extends Function<String, T>, Serializable {}
}
