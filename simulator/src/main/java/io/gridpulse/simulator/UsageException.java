package io.gridpulse.simulator;

/** A command-line flag is unknown, missing or has a bad value; the message names the flag. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
