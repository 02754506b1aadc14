package io.gridpulse.common.clickhouse;

import java.io.IOException;

/** An insert that GridPulse gave up on; the message says which table, how often and why. */
public class InsertFailedException extends IOException {

    private final boolean rowProblem;
    private final boolean transientFailure;

    InsertFailedException(String table, int retries, boolean transientFailure, Throwable cause) {
        super(
                "insert into ClickHouse table "
                        + table
                        + " failed"
                        + (transientFailure
                                ? " after " + retries + " retries"
                                : " (not retried: the error is not transient)")
                        + ": "
                        + cause,
                cause);
        this.rowProblem = !transientFailure && InsertFailures.isRowProblem(cause);
        this.transientFailure = transientFailure;
    }

    /** The failure was transient and outlasted the retries: worth trying again after a restore. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The server refused the data of some rows, not the insert as such: worth bisecting. */
    public boolean isRowProblem() {
        return rowProblem;
    }
}
