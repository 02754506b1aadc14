package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded run as {@code ./gridpulse run} starts it (no test mini-cluster: its own, configured
 * by {@link EmbeddedCluster}) listens on loopback only, and its REST endpoint takes no jars. The
 * short form of the network-exposure drill.
 */
@Timeout(300)
class NetworkExposureITCase {

    @TempDir Path checkpoints;

    @Test
    void shouldListenOnLoopbackOnlyAndRefuseJarUploads() throws Exception {
        TestStack stack = TestStack.fresh("exposure", checkpoints, Map.of());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        EmbeddedCluster.configuration(stack.config()));
        ExecutionSetup.apply(env, stack.config(), ConsumptionJob.NAME);
        ConsumptionJob.JOB.wiring().wire(new JobContext(env, stack.config(), "exposure", false));
        JobClient client = env.executeAsync("exposure");
        try {
            long deadline = System.currentTimeMillis() + 240_000;
            while (client.getJobStatus().get() != JobStatus.RUNNING
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            List<ListeningSockets.Listener> listeners =
                    ListeningSockets.of(ProcessHandle.current().pid());
            assertThat(listeners)
                    .as("the mini-cluster listens somewhere (REST at least)")
                    .isNotEmpty();
            assertThat(listeners)
                    .as("every port of the embedded run is bound to loopback")
                    .allMatch(ListeningSockets.Listener::isLoopback);

            HttpClient http =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
            int restAnswers = 0;
            for (var l : listeners) {
                try {
                    var response =
                            http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + l.port()
                                                                    + "/jars/upload"))
                                            .timeout(Duration.ofSeconds(30))
                                            .POST(HttpRequest.BodyPublishers.ofString("x"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    restAnswers++;
                    assertThat(response.statusCode())
                            .as("jar upload on " + l)
                            .isNotEqualTo(200)
                            .isGreaterThanOrEqualTo(400);
                } catch (java.io.IOException e) {
                    // not an HTTP port (blob server, RPC)
                }
            }
            assertThat(restAnswers)
                    .as("the REST endpoint answered, on one of " + listeners)
                    .isPositive();
        } finally {
            client.cancel().get();
        }
    }
}
