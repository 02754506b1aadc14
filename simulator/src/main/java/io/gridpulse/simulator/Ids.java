package io.gridpulse.simulator;

/**
 * Identifiers of the simulated company. Customer and meter ids come from the household index;
 * documents (bills, payments, notices, switch events, tickets) from the household index and the
 * household's own counter, so ids never depend on the order households are visited in.
 */
final class Ids {

    private static final int DIGITS = 7;

    private Ids() {}

    static String customer(int index) {
        return padded('C', index);
    }

    static String meter(int index) {
        return padded('M', index);
    }

    /** A document id like {@code B0000042-3}: kind letter, household index, household sequence. */
    static String document(char kind, int index, int sequence) {
        return padded(kind, index) + '-' + sequence;
    }

    // hand-rolled because it runs for every meter read and String.format is an order slower
    private static String padded(char prefix, int index) {
        char[] chars = new char[DIGITS + 1];
        chars[0] = prefix;
        int rest = index;
        for (int i = DIGITS; i >= 1; i--) {
            chars[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return new String(chars);
    }
}
