package io.gridpulse.tools.cluster;

import io.gridpulse.JobMain;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration a job submitted to a cluster runs with: the local configuration file with the
 * local {@code GRIDPULSE_*} overrides applied, written as one properties file the JobManager reads
 * (the cluster's processes do not share the submitting shell's environment). Secrets are never
 * written: a {@code <secret>.file} reference is, or the cluster's own environment supplies them.
 */
public final class SubmittedConfig {

    private static final String FILE_SUFFIX = ".file";

    private SubmittedConfig() {}

    /** The raw values the jobs would run with here, checked like the JobManager will check them. */
    public static Map<String, String> resolve(Path configFile, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new ConfigException(
                        "cannot read configuration file " + configFile + ": " + e.getMessage(), e);
            }
            file.stringPropertyNames().forEach(k -> values.put(k, file.getProperty(k)));
        }
        for (ConfigKey<?> key : JobMain.keys()) {
            String variable = key.environmentVariable();
            if (key.isSecret()) {
                if (environment.containsKey(variable + "_FILE")) {
                    values.put(key.name() + FILE_SUFFIX, environment.get(variable + "_FILE"));
                }
            } else if (environment.containsKey(variable)) {
                values.put(key.name(), environment.get(variable));
            }
        }
        // only what the jobs know: tooling keys of the local file stay local
        var jobKeys = JobMain.keys().stream().map(ConfigKey::name).toList();
        values.keySet()
                .removeIf(
                        k ->
                                !jobKeys.contains(
                                        k.endsWith(FILE_SUFFIX)
                                                ? k.substring(0, k.length() - FILE_SUFFIX.length())
                                                : k));
        GridPulseConfig.from(values, "the submitted configuration", Map.of(), JobMain.keys());
        return values;
    }

    public static Path write(Map<String, String> values, Path file) {
        Properties properties = new Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(
                        writer,
                        "GridPulse configuration submitted to a Flink cluster (no secrets)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file.toAbsolutePath();
    }
}
