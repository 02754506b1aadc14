package io.gridpulse.tools.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a JFR recording's CPU samples: the methods on top of the stack (self time) and
 * the methods anywhere on it (total time), as shares of all samples. The same as reading {@code jfr
 * print --events jdk.ExecutionSample} and counting.
 */
final class HotMethods {

    private HotMethods() {}

    static String summarise(Path jfr, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
                    || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream()
                    .map(HotMethods::name)
                    .distinct()
                    .forEach(m -> total.merge(m, 1, Integer::sum));
        }
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "%,d CPU samples (jdk.ExecutionSample) in %s%n",
                        samples, jfr.getFileName()));
        append(out, "self (top of stack)", self, samples, top);
        append(out, "total (anywhere on the stack)", total, samples, top);
        return out.toString();
    }

    private static void append(
            StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
        out.append(String.format("%n%s%n", title));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(
                        e ->
                                out.append(
                                        String.format(
                                                "  %5.1f %%  %s%n",
                                                100.0 * e.getValue() / Math.max(1, samples),
                                                e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
