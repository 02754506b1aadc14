package io.gridpulse.tools.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * A generator's pace: the first {@code load} records as fast as the job takes them (filling the
 * state), then {@code perSecond} records a second, the steady flow of a live city, so that the job
 * keeps running while its checkpoints are measured.
 */
final class LoadThenTrickle<S extends SourceSplit> implements RateLimiterStrategy<S> {

    private static final long serialVersionUID = 1L;

    private final long load;
    private final double perSecond;

    LoadThenTrickle(long load, double perSecond) {
        this.load = load;
        this.perSecond = perSecond;
    }

    @Override
    public RateLimiter<S> createRateLimiter(int parallelism) {
        RateLimiter<S> trickle =
                RateLimiterStrategy.<S>perSecond(perSecond / parallelism)
                        .createRateLimiter(parallelism);
        long loadPerSubtask = load / parallelism;
        return new RateLimiter<>() {
            private long acquired;

            @Override
            public CompletionStage<Void> acquire(int permits) {
                acquired += permits;
                return acquired <= loadPerSubtask
                        ? CompletableFuture.completedFuture(null)
                        : trickle.acquire(permits);
            }
        };
    }
}
