package io.gridpulse.common.clickhouse;

import java.time.Duration;

/** Runs an insert, retrying transient failures with exponential backoff; counts what it did. */
final class InsertRetries {

    private final int maxRetries;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    InsertRetries(int maxRetries, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
    }

    int maxRetries() {
        return maxRetries;
    }

    /**
     * @return the number of retries it took
     * @throws InsertFailedException when the failure is not transient, or outlasts the retries
     */
    int run(String table, Insert insert, RetryListener listener)
            throws InsertFailedException, InterruptedException {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                insert.run();
                return attempt;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                boolean transientFailure = InsertFailures.isTransient(e);
                if (!transientFailure || attempt >= maxRetries) {
                    throw new InsertFailedException(table, attempt, transientFailure, e);
                }
                listener.retrying(attempt + 1, backoff, e);
                sleeper.sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    @FunctionalInterface
    interface Insert {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @FunctionalInterface
    interface RetryListener {
        void retrying(int retry, long backoffMillis, Exception cause);
    }
}
