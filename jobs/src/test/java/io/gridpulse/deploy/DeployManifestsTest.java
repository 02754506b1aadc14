package io.gridpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.GridPulse;
import io.gridpulse.JobMain;
import io.gridpulse.Jobs;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.LocalFlinkCluster;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compose and Kubernetes files say what the code says: their configuration keys exist and
 * parse, their GRIDPULSE_* variables name real keys, the jobs they start are the jobs there are,
 * their topics are the topics there are, and every table they name is one the migrations create.
 */
class DeployManifestsTest {

    private static final Path REPO = LocalFlinkCluster.repository();
    private static final Path COMPOSE = REPO.resolve("deploy/compose/docker-compose.yml");
    private static final Path K8S = REPO.resolve("deploy/k8s");

    /** Variables of the deployment files that are not configuration keys, and what reads them. */
    private static final Set<String> DEPLOY_VARIABLES =
            Set.of(
                    "GRIDPULSE_CONFIG", // the launcher: which properties file
                    "GRIDPULSE_WRITER_PASSWORD", // deploy/clickhouse/create-users.sh
                    "GRIDPULSE_READER_PASSWORD",
                    "GRIDPULSE_GRAFANA_CLICKHOUSE_PASSWORD", // Grafana provisioning
                    "GRIDPULSE_CLICKHOUSE_HOST",
                    "GRIDPULSE_CLICKHOUSE_HTTP_PORT");

    @Test
    void shouldUseOnlyKeysTheJobsKnowWithValuesThatParse() throws IOException {
        Map<String, Map<String, String>> files = new HashMap<>();
        files.put(
                "deploy/compose/gridpulse.properties",
                load(Files.readString(REPO.resolve("deploy/compose/gridpulse.properties"))));
        String configMap = Files.readString(K8S.resolve("gridpulse-config.yaml"));
        String block =
                configMap.substring(
                        configMap.indexOf("gridpulse.properties: |")
                                + "gridpulse.properties: |".length());
        files.put("deploy/k8s/gridpulse-config.yaml", load(block.stripIndent()));
        for (var file : files.entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).isNotEmpty();
            // the same check the JobManager makes: unknown keys and bad values fail
            GridPulseConfig.from(file.getValue(), file.getKey(), Map.of(), JobMain.keys());
        }
    }

    @Test
    void shouldNameOnlyRealEnvironmentVariables() throws IOException {
        Set<String> known = new TreeSet<>(DEPLOY_VARIABLES);
        for (ConfigKey<?> key : GridPulse.keys()) {
            known.add(key.environmentVariable());
            known.add(key.environmentVariable() + "_FILE");
        }
        Pattern variable = Pattern.compile("\\bGRIDPULSE_[A-Z0-9_]+");
        for (Path file : deploymentFiles()) {
            Matcher m = variable.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(known)
                        .as(REPO.relativize(file) + " names " + m.group())
                        .contains(m.group());
            }
        }
    }

    @Test
    void shouldStartExactlyTheJobsThereAre() throws IOException {
        Set<String> jobs =
                Jobs.ALL.stream()
                        .map(GridPulseJob::name)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> k8s = new TreeSet<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f :
                    files.filter(f -> f.getFileName().toString().startsWith("flinkdeployment-"))
                            .toList()) {
                Matcher m =
                        Pattern.compile("args: \\[\"--config\", \"[^\"]+\", \"(\\w[\\w-]*)\"]")
                                .matcher(Files.readString(f));
                assertThat(m.find()).as(f + " starts a job").isTrue();
                k8s.add(m.group(1));
                assertThat(Files.readString(f)).contains("entryClass: " + JobMain.class.getName());
            }
        }
        assertThat(k8s)
                .as("a FlinkDeployment per job (deploy/k8s/flinkdeployment-<job>.yaml)")
                .isEqualTo(jobs);
        Matcher loop =
                Pattern.compile("for job in ([\\w -]+); do").matcher(Files.readString(COMPOSE));
        assertThat(loop.find()).isTrue();
        assertThat(new TreeSet<>(List.of(loop.group(1).trim().split("\\s+"))))
                .as("the compose file's submit service starts every job")
                .isEqualTo(jobs);
    }

    @Test
    void shouldCreateExactlyTheTopicsThereAre() throws IOException {
        Matcher m =
                Pattern.compile("topicName: (\\S+)")
                        .matcher(Files.readString(K8S.resolve("kafka-topics.yaml")));
        Set<String> topics = new TreeSet<>();
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertThat(topics).isEqualTo(new TreeSet<>(Topics.all()));
    }

    @Test
    void shouldNameOnlyTablesTheMigrationsCreate() throws IOException {
        Set<String> tables = new TreeSet<>();
        Matcher created = Pattern.compile("(?i)CREATE TABLE IF NOT EXISTS\\s+(\\w+)").matcher("");
        try (Stream<Path> files = Files.list(REPO.resolve("schemas/clickhouse/migrations"))) {
            for (Path f : files.toList()) {
                created.reset(Files.readString(f));
                while (created.find()) {
                    tables.add(created.group(1));
                }
            }
        }
        Pattern qualified =
                Pattern.compile(
                        "(?i)\\b(?:FROM|INTO|TABLE|ON)\\s+gridpulse\\.([a-z_][a-z0-9_]*)\\b");
        for (Path file : deploymentFiles()) {
            Matcher m = qualified.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(1).equals("properties")) {
                    assertThat(tables)
                            .as(REPO.relativize(file) + " names table " + m.group(1))
                            .contains(m.group(1));
                }
            }
        }
    }

    private static List<Path> deploymentFiles() throws IOException {
        try (Stream<Path> files =
                Stream.of("deploy/compose", "deploy/k8s", "deploy/grafana", "deploy/clickhouse")
                        .flatMap(d -> walk(REPO.resolve(d)))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> load(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }
}
