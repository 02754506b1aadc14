package io.gridpulse.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration of a GridPulse process: a properties file, overridden key by key by environment
 * variables, checked against the known keys at start-up.
 *
 * <p>Every problem stops the start-up with a message that names the key: a key nobody knows (a typo
 * would otherwise be silently ignored), a value that does not parse, a missing required value, or a
 * secret written into the file. Secrets come only from the environment or from a file named by
 * {@code <key>.file}, and {@link #describe()} masks them.
 */
public final class GridPulseConfig implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FILE_SUFFIX = ".file";

    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final List<ConfigKey<?>> keys;
    private final List<String> warnings;

    /**
     * Variables of the {@code ./gridpulse} launcher and the local stack, not configuration keys;
     * any other {@code GRIDPULSE_*} variable nobody reads is warned about.
     */
    private static final List<String> LAUNCHER_VARIABLES =
            List.of(
                    "GRIDPULSE_CONFIG",
                    "GRIDPULSE_STACK_DIR",
                    "GRIDPULSE_STACK_TIMEOUT",
                    "GRIDPULSE_HEAP",
                    "GRIDPULSE_SIM_HEAP",
                    "GRIDPULSE_DRILL_PORT_BASE",
                    "GRIDPULSE_DRILL_FULL",
                    "GRIDPULSE_TOOL_HEAP",
                    "GRIDPULSE_FLINK_DIR",
                    "GRIDPULSE_REPORT_DIR",
                    "GRIDPULSE_CHROMIUM");

    /** The ports and options of the launcher's test, bench and eval stacks. */
    private static final List<String> LAUNCHER_VARIABLE_PREFIXES =
            List.of("GRIDPULSE_TEST_", "GRIDPULSE_BENCH_", "GRIDPULSE_EVAL_");

    private GridPulseConfig(
            Map<String, Object> values,
            Map<String, String> origins,
            List<ConfigKey<?>> keys,
            List<String> warnings) {
        this.values = values;
        this.origins = origins;
        this.keys = keys;
        this.warnings = warnings;
    }

    /** What is worth telling a person but does not stop the start-up: unknown variables. */
    public List<String> warnings() {
        return warnings;
    }

    /** Reads {@code file} (may be null) and the process environment. */
    public static GridPulseConfig load(Path file, Collection<ConfigKey<?>> keys) {
        return load(file, System.getenv(), keys);
    }

    public static GridPulseConfig load(
            Path file, Map<String, String> environment, Collection<ConfigKey<?>> keys) {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException(
                        "cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> fromFile = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> fromFile.put(k, properties.getProperty(k)));
        return from(fromFile, String.valueOf(file), environment, keys);
    }

    /**
     * Builds a configuration from explicit values, e.g. in tests; the environment still overrides.
     */
    public static GridPulseConfig from(
            Map<String, String> settings,
            String sourceName,
            Map<String, String> environment,
            Collection<ConfigKey<?>> keys) {
        Map<String, ConfigKey<?>> known = new TreeMap<>();
        keys.forEach(k -> known.put(k.name(), k));
        List<String> problems = new ArrayList<>();

        List<ConfigKey<?>> passThroughs = keys.stream().filter(ConfigKey::isPassThrough).toList();
        for (String name : new TreeMap<>(settings).keySet()) {
            ConfigKey<?> family = familyOf(name, passThroughs);
            if (family != null) {
                checkPassThroughSetting(family, name, sourceName, problems);
                continue;
            }
            String keyName =
                    name.endsWith(FILE_SUFFIX)
                            ? name.substring(0, name.length() - FILE_SUFFIX.length())
                            : name;
            ConfigKey<?> key = known.get(keyName);
            if (key == null || (name.endsWith(FILE_SUFFIX) && !key.isSecret())) {
                problems.add(
                        name
                                + ": unknown key in "
                                + sourceName
                                + closestHint(name, known.keySet()));
            } else if (key.isSecret() && !name.endsWith(FILE_SUFFIX)) {
                problems.add(
                        name
                                + ": is a secret and must not be written in "
                                + sourceName
                                + "; set "
                                + key.environmentVariable()
                                + " or "
                                + name
                                + FILE_SUFFIX
                                + " instead");
            }
        }

        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        for (ConfigKey<?> key : known.values()) {
            if (key.isPassThrough()) {
                values.put(key.name(), passThroughValues(key, settings, environment, problems));
                origins.put(key.name(), "pass-through");
                continue;
            }
            String raw = null;
            String origin = "default";
            String secretFile =
                    environment.getOrDefault(
                            key.environmentVariable() + "_FILE",
                            settings.get(key.name() + FILE_SUFFIX));
            if (environment.containsKey(key.environmentVariable())) {
                raw = environment.get(key.environmentVariable());
                origin = "environment " + key.environmentVariable();
            } else if (key.isSecret() && secretFile != null) {
                try {
                    raw =
                            Files.readString(Path.of(secretFile.trim()), StandardCharsets.UTF_8)
                                    .strip();
                    origin = "file " + secretFile.trim();
                } catch (IOException e) {
                    problems.add(
                            key.name()
                                    + ": cannot read the secret file '"
                                    + secretFile.trim()
                                    + "': "
                                    + e);
                    continue;
                }
            } else if (settings.containsKey(key.name()) && !key.isSecret()) {
                raw = settings.get(key.name());
                origin = sourceName;
            }
            if (raw == null) {
                if (key.defaultValue() == null) {
                    problems.add(
                            key.name()
                                    + ": required, set it in "
                                    + sourceName
                                    + " or "
                                    + key.environmentVariable());
                } else {
                    values.put(key.name(), key.defaultValue());
                    origins.put(key.name(), origin);
                }
                continue;
            }
            try {
                values.put(key.name(), key.parse(raw));
                origins.put(key.name(), origin);
            } catch (RuntimeException e) {
                problems.add(key.name() + " (from " + origin + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new GridPulseConfig(
                values,
                origins,
                List.copyOf(known.values()),
                unknownVariables(environment, known.values()));
    }

    private static ConfigKey<?> familyOf(String name, List<ConfigKey<?>> passThroughs) {
        return passThroughs.stream()
                .filter(k -> name.startsWith(k.name() + "."))
                .findFirst()
                .orElse(null);
    }

    private static void checkPassThroughSetting(
            ConfigKey<?> family, String name, String sourceName, List<String> problems) {
        var pt = family.passThrough();
        String sub = name.substring(family.name().length() + 1);
        boolean isFile = sub.endsWith(FILE_SUFFIX) && !pt.allowed().contains(sub);
        String clientName = isFile ? sub.substring(0, sub.length() - FILE_SUFFIX.length()) : sub;
        if (!pt.allowed().contains(clientName)) {
            problems.add(
                    name
                            + ": '"
                            + clientName
                            + "' is not a setting of the client behind "
                            + family.name()
                            + closestHint(clientName, pt.allowed()));
        } else if (pt.secretNames().test(clientName) && !isFile) {
            problems.add(
                    name
                            + ": is a secret and must not be written in "
                            + sourceName
                            + "; set "
                            + passThroughVariable(family, clientName)
                            + " or "
                            + name
                            + FILE_SUFFIX
                            + " instead");
        } else if (isFile && !pt.secretNames().test(clientName)) {
            problems.add(
                    name
                            + ": only secrets are read from a file; set "
                            + family.name()
                            + "."
                            + clientName);
        }
    }

    private static String passThroughVariable(ConfigKey<?> family, String clientName) {
        return family.environmentVariable()
                + "_"
                + clientName.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> passThroughValues(
            ConfigKey<?> family,
            Map<String, String> settings,
            Map<String, String> environment,
            List<String> problems) {
        var pt = family.passThrough();
        Map<String, String> out = new TreeMap<>();
        String prefix = family.name() + ".";
        settings.forEach(
                (name, value) -> {
                    if (!name.startsWith(prefix)) {
                        return;
                    }
                    String sub = name.substring(prefix.length());
                    if (pt.allowed().contains(sub) && !pt.secretNames().test(sub)) {
                        out.put(sub, value.trim());
                    } else if (sub.endsWith(FILE_SUFFIX)) {
                        String clientName = sub.substring(0, sub.length() - FILE_SUFFIX.length());
                        if (pt.allowed().contains(clientName)
                                && pt.secretNames().test(clientName)) {
                            readSecretFile(name, value, problems)
                                    .ifPresent(v -> out.put(clientName, v));
                        }
                    }
                });
        Map<String, String> byVariable = new HashMap<>();
        pt.allowed().forEach(n -> byVariable.put(passThroughVariable(family, n), n));
        String envPrefix = family.environmentVariable() + "_";
        for (var e : new TreeMap<>(environment).entrySet()) {
            if (!e.getKey().startsWith(envPrefix)) {
                continue;
            }
            String clientName = byVariable.get(e.getKey());
            if (clientName != null) {
                out.put(clientName, e.getValue());
                continue;
            }
            String withoutFile =
                    e.getKey().endsWith("_FILE")
                            ? e.getKey().substring(0, e.getKey().length() - 5)
                            : null;
            clientName = withoutFile == null ? null : byVariable.get(withoutFile);
            if (clientName != null && pt.secretNames().test(clientName)) {
                final String n = clientName;
                readSecretFile(e.getKey(), e.getValue(), problems).ifPresent(v -> out.put(n, v));
            } else {
                problems.add(
                        e.getKey()
                                + ": not a setting of the client behind "
                                + family.name()
                                + closestHint(e.getKey(), byVariable.keySet()));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static java.util.Optional<String> readSecretFile(
            String origin, String file, List<String> problems) {
        try {
            return java.util.Optional.of(
                    Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            problems.add(origin + ": cannot read the secret file '" + file.trim() + "': " + e);
            return java.util.Optional.empty();
        }
    }

    private static List<String> unknownVariables(
            Map<String, String> environment, Collection<ConfigKey<?>> keys) {
        List<String> known = new ArrayList<>(LAUNCHER_VARIABLES);
        List<String> prefixes = new ArrayList<>(LAUNCHER_VARIABLE_PREFIXES);
        for (ConfigKey<?> key : keys) {
            known.add(key.environmentVariable());
            known.add(key.environmentVariable() + "_FILE");
            if (key.isPassThrough()) {
                prefixes.add(key.environmentVariable() + "_");
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (variable.startsWith("GRIDPULSE_")
                    && !known.contains(variable)
                    && prefixes.stream().noneMatch(variable::startsWith)) {
                warnings.add(
                        "environment variable "
                                + variable
                                + " is not a GridPulse setting and is ignored"
                                + closestHint(variable, known));
            }
        }
        return List.copyOf(warnings);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException(
                    "key " + key.name() + " was not declared when the configuration was loaded");
        }
        return (T) values.get(key.name());
    }

    /** Every key with its value and where it came from, secrets masked: safe to log. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (ConfigKey<?> key : keys) {
            if (key.isPassThrough()) {
                @SuppressWarnings("unchecked")
                Map<String, String> entries = (Map<String, String>) values.get(key.name());
                entries.forEach(
                        (n, v) ->
                                out.append(key.name())
                                        .append('.')
                                        .append(n)
                                        .append(" = ")
                                        .append(
                                                key.passThrough().secretNames().test(n)
                                                        ? "******"
                                                        : v)
                                        .append("   (pass-through)\n"));
                continue;
            }
            Object value = values.get(key.name());
            String shown =
                    key.isSecret()
                            ? (String.valueOf(value).isEmpty() ? "(empty)" : "******")
                            : String.valueOf(value);
            out.append(key.name())
                    .append(" = ")
                    .append(shown)
                    .append("   (")
                    .append(origins.get(key.name()))
                    .append(")\n");
        }
        return out.toString();
    }

    private static String closestHint(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
