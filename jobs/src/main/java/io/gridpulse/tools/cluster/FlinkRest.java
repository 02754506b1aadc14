package io.gridpulse.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The few calls of Flink's REST API that submitting and watching GridPulse jobs needs: jar upload
 * and run, job list, status and cancel, registered TaskManagers.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Running a jar builds the job graph in the JobManager: slow on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final URI base;
    private final HttpClient http;

    public FlinkRest(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The cluster at {@code http://127.0.0.1:$FLINK_REST_PORT} (default 8081). */
    public static FlinkRest local() {
        String port = System.getenv().getOrDefault("FLINK_REST_PORT", "8081");
        return new FlinkRest(URI.create("http://127.0.0.1:" + port));
    }

    public URI base() {
        return base;
    }

    /** A running or finished job as the cluster lists it. */
    public record Job(String id, String name, String state) {}

    /** Uploads a jar; returns its id for {@link #run}. */
    public String uploadJar(Path jar) {
        String boundary = "gridpulse-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                    + jar.getFileName()
                                    + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job jar " + jar, e);
        }
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(base.resolve("/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new FlinkRestException("jar upload refused: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /** Runs the program of an uploaded jar; returns the id of the job it submitted. */
    public String run(String jarId, String entryClass, List<String> programArgs, int parallelism) {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        request.put("parallelism", parallelism);
        request.putArray("programArgsList")
                .addAll(
                        programArgs.stream()
                                .map(JSON::valueToTree)
                                .map(JsonNode.class::cast)
                                .toList());
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        String id = answer.path("jobid").asText();
        if (id.isEmpty()) {
            throw new FlinkRestException("the cluster did not start the job: " + answer);
        }
        return id;
    }

    public void deleteJar(String jarId) {
        send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).DELETE());
    }

    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j :
                send(HttpRequest.newBuilder(base.resolve("/jobs/overview")).GET()).path("jobs")) {
            jobs.add(
                    new Job(
                            j.path("jid").asText(),
                            j.path("name").asText(),
                            j.path("state").asText()));
        }
        return jobs;
    }

    public String state(String jobId) {
        return send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId)).GET())
                .path("state")
                .asText();
    }

    /** How often the job was restarted after a failure (Flink's {@code numRestarts} metric). */
    public long restarts(String jobId) {
        JsonNode metrics =
                send(
                        HttpRequest.newBuilder(
                                        base.resolve("/jobs/" + jobId + "/metrics?get=numRestarts"))
                                .GET());
        for (JsonNode m : metrics) {
            return m.path("value").asLong();
        }
        return 0;
    }

    /**
     * How many of the job's tasks are in each state ({@code status-counts}: RUNNING, DEPLOYING,
     * ...).
     */
    public Map<String, Integer> taskStates(String jobId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId)).GET())
                .path("status-counts")
                .fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    /** Failures the job went through so far (its exception history, newest first). */
    public List<String> failures(String jobId) {
        List<String> failures = new ArrayList<>();
        for (JsonNode e :
                send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/exceptions")).GET())
                        .path("exceptionHistory")
                        .path("entries")) {
            failures.add(e.path("exceptionName").asText() + ": " + e.path("taskName").asText());
        }
        return failures;
    }

    /** Checkpoints of the job that completed so far. */
    public long completedCheckpoints(String jobId) {
        return send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/checkpoints")).GET())
                .path("counts")
                .path("completed")
                .asLong();
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory} and waits for it; with {@code
     * drain} the sources end first and event time goes to its end, so every timer fires (cases
     * close, held rows are written) as at the end of a bounded input. Returns once the job has
     * ended.
     *
     * @return where the savepoint was written
     */
    public String stop(String jobId, Path targetDirectory, boolean drain, Duration timeout) {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", targetDirectory.toUri().toString());
        request.put("drain", drain);
        String trigger =
                send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/stop"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request.toString())))
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        String location = awaitSavepoint(jobId, trigger, deadline, timeout);
        // the savepoint completes a moment before the job leaves RUNNING
        while (!isTerminal(state(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new FlinkRestException(
                        "job " + jobId + " still " + state(jobId) + " after its savepoint");
            }
            pause(500);
        }
        return location;
    }

    private String awaitSavepoint(String jobId, String trigger, long deadline, Duration timeout) {
        while (System.nanoTime() < deadline) {
            JsonNode answer =
                    send(
                            HttpRequest.newBuilder(
                                            base.resolve(
                                                    "/jobs/" + jobId + "/savepoints/" + trigger))
                                    .GET());
            if (answer.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = answer.path("operation");
                if (operation.has("failure-cause")) {
                    throw new FlinkRestException(
                            "stopping job "
                                    + jobId
                                    + " failed: "
                                    + operation.path("failure-cause").path("stack-trace").asText());
                }
                return operation.path("location").asText();
            }
            pause(500);
        }
        throw new FlinkRestException(
                "job " + jobId + " did not stop with a savepoint within " + timeout);
    }

    /** Whether a job state is globally terminal: the job will not run again. */
    public static boolean isTerminal(String state) {
        return List.of("FINISHED", "CANCELED", "FAILED").contains(state);
    }

    /** Sleeps between two polls of the REST API. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted", e);
        }
    }

    public void cancel(String jobId) {
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    public int registeredTaskManagers() {
        return send(HttpRequest.newBuilder(base.resolve("/taskmanagers")).GET())
                .path("taskmanagers")
                .size();
    }

    public boolean reachable() {
        try {
            send(HttpRequest.newBuilder(base.resolve("/overview")).GET());
            return true;
        } catch (FlinkRestException e) {
            return false;
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlinkRestException("Flink REST API at " + base + " not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FlinkRestException(
                    "Flink REST "
                            + response.request().method()
                            + " "
                            + response.request().uri()
                            + ": HTTP "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        try {
            return response.body().isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FlinkRestException(
                    "not JSON from " + response.request().uri() + ": " + response.body(), e);
        }
    }

    /** A REST call that failed, with the cluster's answer. */
    public static final class FlinkRestException extends RuntimeException {
        FlinkRestException(String message) {
            super(message);
        }

        FlinkRestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
