package io.gridpulse.streams;

/** A topic value that cannot be decoded into the record type of its topic; the message says why. */
public class UnreadableRecordException extends Exception {

    public UnreadableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
