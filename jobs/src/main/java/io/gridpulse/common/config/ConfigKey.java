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

    private ConfigKey(
            String name,
            String description,
            T defaultValue,
            SerializableParser<T> parser,
            boolean secret) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.secret = secret;
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
