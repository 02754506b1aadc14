package io.gridpulse.simulator;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Things that will happen later in the run (a payment in three days, the next revision of a ticket,
 * a re-sent read), in time order. Actions due after the run are dropped at once, so the agenda only
 * ever holds what the run will still emit. Equal times run in the order they were scheduled, which
 * keeps runs reproducible.
 */
final class Agenda {

    private record Entry(long time, long order, Runnable action) {}

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(
                    Comparator.comparingLong(Entry::time).thenComparingLong(Entry::order));
    private final long end;
    private long now;
    private long scheduled;

    Agenda(RunWindow window) {
        this.end = window.end();
        this.now = window.start();
    }

    /** Schedules an action at a time no earlier than the one being simulated. */
    void at(long time, Runnable action) {
        if (time < now) {
            throw new IllegalStateException(
                    "cannot schedule at "
                            + RunWindow.instant(time)
                            + ", the simulation is already at "
                            + RunWindow.instant(now));
        }
        if (time < end) {
            queue.add(new Entry(time, scheduled++, action));
        }
    }

    /** Runs every action due before the limit, including ones those actions schedule. */
    void runBefore(long limit) {
        while (!queue.isEmpty() && queue.peek().time() < limit) {
            Entry next = queue.poll();
            now = next.time();
            next.action().run();
        }
        now = limit;
    }
}
