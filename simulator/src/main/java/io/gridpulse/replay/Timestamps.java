package io.gridpulse.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The times of the CSV formats: ISO-8601 with an offset ({@code 2026-03-02T00:15:00Z}, {@code
 * 2026-03-02T10:15:00+10:00}), converted to UTC; a local time without offset only with the zone of
 * the file ({@code --zone}). A space may stand for the {@code T}; seconds may be left out.
 */
final class Timestamps {

    static final String EXAMPLES = "2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00";

    private Timestamps() {}

    /**
     * @param zone the zone of times without offset; null when none was given
     * @return the instant
     * @throws BadValue with the reason, to follow {@code <column> '<value>'}
     */
    static Instant parse(String value, ZoneId zone) throws BadValue {
        String text = value.length() > 10 && value.charAt(10) == ' ' ? iso(value) : value;
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset: perhaps a local time
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new BadValue("is not an ISO-8601 time like " + EXAMPLES);
        }
        if (zone == null) {
            throw new BadValue(
                    "has no offset: write it as "
                            + EXAMPLES
                            + ", or give the zone of the file's local times with --zone (e.g."
                            + " --zone +10:00 or --zone Australia/Brisbane)");
        }
        return local.atZone(zone).toInstant();
    }

    private static String iso(String value) {
        return value.substring(0, 10) + 'T' + value.substring(11);
    }

    /** A value that cannot be used; the message is the reason. */
    static final class BadValue extends Exception {

        BadValue(String reason) {
            super(reason);
        }
    }
}
