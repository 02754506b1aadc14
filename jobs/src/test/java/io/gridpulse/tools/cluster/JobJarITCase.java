package io.gridpulse.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.JobMain;
import io.gridpulse.testing.LocalFlinkCluster;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The job jar the build made is lean: its entry only builds the job graphs; the command line,
 * progress, summaries, reports and the cluster client are not in it, and neither is Flink. (An
 * ITCase because the shaded jar exists only after the package phase.)
 */
class JobJarITCase {

    @Test
    void shouldHoldTheJobsButNoToolingAndNoFlink() throws Exception {
        try (JarFile jar = new JarFile(LocalFlinkCluster.jobJar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(JobMain.class.getName());
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names)
                    .contains(
                            "io/gridpulse/JobMain.class",
                            "io/gridpulse/consumption/ConsumptionJob.class",
                            "io/gridpulse/common/metrics/MetricsTap.class",
                            "org/apache/flink/connector/kafka/source/KafkaSource.class");
            assertThat(names)
                    .noneMatch(n -> n.startsWith("io/gridpulse/tools/"))
                    .noneMatch(n -> n.matches("io/gridpulse/(GridPulse|Progress|Summary)[.$].*"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/runtime/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/streaming/api/environment/"));
        }
    }
}
