package io.gridpulse.replay;

import java.util.Map;
import java.util.Set;

/**
 * The newest read of each meter already on the meter-reads topic: where a synthetic register of an
 * interval export continues. Read back from the topic itself ({@link KafkaNewestReads}), so a later
 * file continues an earlier one whatever ran in between, with nothing kept anywhere else.
 */
@FunctionalInterface
interface NewestReads {

    /** No reads anywhere: every meter starts afresh. */
    NewestReads NONE = (topic, meters) -> Map.of();

    /**
     * @return for each of {@code meters} that has reads on {@code topic}, the one with the latest
     *     read time
     */
    Map<String, Newest> of(String topic, Set<String> meters);

    /** A read: its time (epoch ms) and total register (Wh). */
    record Newest(long timeMs, long totalWh) {}
}
