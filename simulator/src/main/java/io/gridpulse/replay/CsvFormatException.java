package io.gridpulse.replay;

/** A line of a meter-read CSV file cannot be read; the message names the line, column and value. */
public final class CsvFormatException extends Exception {

    public CsvFormatException(String message) {
        super(message);
    }
}
